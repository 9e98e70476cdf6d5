using System.Diagnostics;
using System.Text;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>
/// Independent, widely used JavaScript clients (ical.js, Redocly's linter) checking the service's
/// outputs: each npm package is installed once, pinned, into artifacts/node-tools/ (git-ignored)
/// and run with the machine's node.
/// </summary>
public static class NodeTools
{
    public static readonly string? Node = FindOnPath("node");
    public static readonly string? Npm = FindOnPath("npm");
    static readonly SemaphoreSlim Installing = new(1, 1);

    public const string SkipReason = "node and npm are not on PATH: this test runs an independent JavaScript client and is skipped without them.";

    /// <summary>The folder whose node_modules holds <paramref name="package"/> at <paramref name="version"/>.</summary>
    public static async Task<string> InstallAsync(string package, string version)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "node-tools", $"{package.Replace('/', '+').TrimStart('@')}-{version}");
        var marker = Path.Combine(folder, "node_modules", package, "package.json");
        await Installing.WaitAsync();
        try
        {
            if (File.Exists(marker)) return folder;
            Directory.CreateDirectory(folder);
            var (exit, output) = await RunAsync(Npm!, ["install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error", "--prefix", folder, $"{package}@{version}"],
                folder, TimeSpan.FromMinutes(5));
            Assert.True(exit == 0 && File.Exists(marker), $"npm install {package}@{version} failed ({exit}):\n{output}");
            return folder;
        }
        finally
        {
            Installing.Release();
        }
    }

    /// <summary>Runs a script with node in <paramref name="folder"/> (so its imports resolve to the installed packages).</summary>
    public static Task<(int Exit, string Output)> NodeAsync(string folder, IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        RunAsync(Node!, arguments, folder, timeout ?? TimeSpan.FromMinutes(2));

    static async Task<(int Exit, string Output)> RunAsync(string file, IEnumerable<string> arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (error) error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList)} was still running after {timeout.TotalSeconds} s.");
        }
        process.WaitForExit();
        return (process.ExitCode, error.Length == 0 ? output.ToString() : $"{output}\n{error}");
    }

    static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ClubFinder.sln"))) return dir.FullName;
        return Path.GetTempPath();
    }
}

/// <summary>A fact that needs node and npm; skipped, saying why, on a machine without them.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeTools.Node is null || NodeTools.Npm is null) Skip = NodeTools.SkipReason;
    }
}
