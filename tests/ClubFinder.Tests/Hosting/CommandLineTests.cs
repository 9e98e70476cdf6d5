using ClubFinder.Tests.Infrastructure;

namespace ClubFinder.Tests.Hosting;

/// <summary>The binary's command line, run as a process: usage instead of a server, one clear line instead of a stack trace.</summary>
public class CommandLineTests
{
    // Only catches a hang: at load average 40 a bare `migrate` took 84 s.
    static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task HelpPrintsTheUsageAndDoesNotStartTheServer(string help)
    {
        using var run = await AppProcess.RunAsync($"{help} --urls http://127.0.0.1:0", timeout: Deadline);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Output, line => line.StartsWith("usage: ClubFinder.Api", StringComparison.Ordinal));
        Assert.Contains(run.Output, line => line.Contains("tokens create", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Output, line => line.Contains("Now listening", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("migrat")]
    [InlineData("users remove --email x@example.test")]
    public async Task AnUnknownCommandPrintsTheUsageAndFails(string command)
    {
        using var run = await AppProcess.RunAsync(command, timeout: Deadline);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(run.Errors, line => line.StartsWith("usage: ClubFinder.Api", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Output, line => line.Contains("Now listening", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("import /nonexistent/clubs.json")]
    [InlineData("tokens create --email a@example.test --name ci")]
    public async Task ACommandWithoutADatabaseSaysHowToGiveOneInOneLine(string command)
    {
        using var run = await AppProcess.RunAsync(command, timeout: Deadline);
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Errors, l => l.Length > 0);
        Assert.Contains("ConnectionStrings__ClubFinder", line);
        Assert.Contains("./run.sh", line);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task ACommandWhoseDatabaseDoesNotAnswerSaysSoWithoutAStackTrace()
    {
        using var run = await AppProcess.RunAsync("migrate", new Dictionary<string, string?>
        {
            ["ConnectionStrings__ClubFinder"] = "Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Password=none;Timeout=5",
        }, Deadline);
        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Errors, l => l.Length > 0);
        Assert.StartsWith("Cannot reach the database nowhere at 127.0.0.1:1", line);
        Assert.DoesNotContain(run.Output.Concat(run.Errors), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
