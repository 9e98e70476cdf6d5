using ClubFinder.Tests.Infrastructure;

namespace ClubFinder.Tests.Hosting;

/// <summary>A first start on an empty database, run as a process with the shipped logging settings, looks healthy.</summary>
public class FirstStartTests
{
    [Fact]
    public async Task AFirstStartOnAnEmptyDatabasePrintsNoFailOrWarnLines()
    {
        await using var database = await TestDatabase.CreateAsync("firststart");
        using var app = AppProcess.Start("--urls http://127.0.0.1:0", new Dictionary<string, string?>
        {
            ["ConnectionStrings__ClubFinder"] = database.ConnectionString,
            ["App__PublicBaseUrl"] = "http://localhost:8080",
            ["Auth__RequireHttps"] = "false",
        });
        var started = await app.WaitForOutputAsync(line => line.Contains("Application started", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
        var lines = app.Output.Concat(app.Errors).ToList();
        Assert.True(started, "The app did not start:\n" + string.Join('\n', lines));
        // It really was a first start: migrations ran and data/ was imported.
        Assert.Contains(lines, line => line.Contains("Seeded clubs", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("warn:", StringComparison.Ordinal)
            || line.StartsWith("crit:", StringComparison.Ordinal) || JsonLevel(line) is "Warning" or "Error" or "Critical");
    }

    /// <summary>The level of a JSON log line (production logs are JSON), or null for any other line.</summary>
    static string? JsonLevel(string line)
    {
        if (!line.StartsWith('{')) return null;
        try
        {
            return System.Text.Json.JsonDocument.Parse(line).RootElement.TryGetProperty("LogLevel", out var level) ? level.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
