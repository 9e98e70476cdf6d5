using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>The built app run as its own process (`dotnet ClubFinder.Api.dll …`), as an operator runs it.</summary>
public sealed class AppProcess : IDisposable
{
    readonly Process process;
    readonly ConcurrentQueue<string> output = new(), errors = new();

    AppProcess(string arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet", $"{Path.Combine(AppContext.BaseDirectory, "ClubFinder.Api.dll")} {arguments}")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // Nothing from the test run's own settings leaks in: the test says what the process gets.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
    }

    public IReadOnlyList<string> Output => output.ToArray();
    public IReadOnlyList<string> Errors => errors.ToArray();
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    public static AppProcess Start(string arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        new(arguments, environment ?? new Dictionary<string, string?>());

    /// <summary>Runs to the end; a process still running at the deadline is stopped and reported.</summary>
    public static async Task<AppProcess> RunAsync(string arguments, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var app = Start(arguments, environment);
        try
        {
            await app.process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            app.Dispose();
            Assert.Fail($"'{arguments}' was still running after {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s. Output:\n{string.Join('\n', app.Output)}");
        }
        app.process.WaitForExit(); // drains the redirected streams
        return app;
    }

    /// <summary>Waits until a line of standard output matches (or the process ends, or the deadline passes).</summary>
    public async Task<bool> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (output.Any(match)) return true;
            if (process.HasExited) return output.Any(match);
            await Task.Delay(50);
        }
        return false;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
