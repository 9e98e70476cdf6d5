using System.Diagnostics;
using Dapper;
using Npgsql;

namespace ClubFinder.Api.Data;

/// <summary>
/// A complete copy of the database (clubs, sessions, closures, organizations, accounts, tokens, the
/// audit log, places, data-protection keys: every table) made and restored with PostgreSQL's own
/// pg_dump -Fc and pg_restore, so a backup also restores without this program.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Tables that exist in a database nobody has used yet (PostGIS creates spatial_ref_sys).</summary>
    const string UserTablesSql = """
        SELECT count(*) FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'spatial_ref_sys'
        """;

    public static async Task BackupAsync(string connectionString, string file, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(file);
        var partial = target + ".partial";
        // Written beside the target and renamed at the end: a failed run never leaves a truncated backup under the real name.
        await RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", "--file", partial], ct);
        File.Move(partial, target, overwrite: true);
    }

    /// <summary>Restores <paramref name="file"/>; refuses a database that holds tables unless <paramref name="replace"/> is set.</summary>
    public static async Task RestoreAsync(string connectionString, string file, bool replace, CancellationToken ct = default)
    {
        if (!File.Exists(file)) throw new BackupException($"{file}: file not found");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            var tables = await connection.ExecuteScalarAsync<long>(UserTablesSql);
            if (tables > 0 && !replace)
                throw new BackupException($"The database \"{connection.Database}\" is not empty ({tables} tables). Restore into an empty database, or add --replace to drop everything in it first.");
            if (tables > 0)
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", transaction: transaction);
                await transaction.CommitAsync(ct);
            }
        }
        NpgsqlConnection.ClearAllPools();
        await RunAsync("pg_restore", connectionString, ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", Path.GetFullPath(file)], ct);
    }

    static async Task RunAsync(string tool, string connectionString, string[] arguments, CancellationToken ct)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(FindTool(tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        // The connection goes through libpq's environment variables: the password never appears in the process list.
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = settings.Database;
        start.Environment["PGUSER"] = settings.Username;
        if (settings.Password is { } password) start.Environment["PGPASSWORD"] = password;
        if (tool == "pg_restore") start.ArgumentList.Add($"--dbname={settings.Database}");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"{tool} was not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client).");
        }
        using var _ = process;
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await errors).Trim()}");
    }

    /// <summary>The newest PostgreSQL client tools installed (Debian keeps one folder per version); else the PATH.</summary>
    static string FindTool(string tool)
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Dir, "bin", tool)))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null) return Path.Combine(newest.Dir, "bin", tool);
        }
        return tool;
    }
}

public sealed class BackupException(string message) : Exception(message);
