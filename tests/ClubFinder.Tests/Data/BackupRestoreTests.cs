using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Tests.Admin;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace ClubFinder.Tests.Data;

[Collection(AppCollection.Name)]
public class BackupRestoreTests(ClubFinderApp app)
{
    [Fact]
    public async Task ABackupRestoredIntoAFreshDatabaseServesTheSameApiAndKeepsEveryRowIncludingTheAuditLog()
    {
        // Accounts, tokens and an audited edit, so the copy has something in every kind of table.
        var world = await AdminWorld.CreateAsync(app);
        var operatorA = AdminWorld.Bearer(app, world.OperatorAToken);
        var read = await operatorA.GetAsync($"/api/admin/clubs/{world.ClubA}");
        var doc = (await read.Content.ReadFromJsonAsync<ClubDocument>(ClubFinderApp.Json))!;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{world.ClubA}")
        {
            Content = JsonContent.Create(doc with { Fee = "TEST fee kept by the backup" }, options: ClubFinderApp.Json),
        };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await operatorA.SendAsync(put)).StatusCode);

        var file = Path.Combine(Path.GetTempPath(), $"clubfinder-test-{Guid.NewGuid():N}.dump");
        await using var restored = await TestDatabase.CreateAsync("restored");
        try
        {
            await DatabaseBackup.BackupAsync(app.ConnectionString, file);
            Assert.True(new FileInfo(file).Length > 0);
            Assert.False(File.Exists(file + ".partial"));

            await DatabaseBackup.RestoreAsync(restored.ConnectionString, file, replace: false);
            Assert.Equal(await TableFingerprintsAsync(app.ConnectionString), await TableFingerprintsAsync(restored.ConnectionString));

            // An instance on the copy answers as the original does, and the operator's token still works there.
            await using var copy = app.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:ClubFinder", restored.ConnectionString));
            var original = app.CreateClient();
            var onCopy = copy.CreateClient();
            foreach (var url in new[] { "/api/clubs", "/api/districts", $"/api/clubs/{world.ClubA}", "/api/clubs/nearest?lat=50.06&lon=19.94&limit=10" })
                Assert.Equal(await original.GetStringAsync(url), await onCopy.GetStringAsync(url));
            var tokenOnCopy = copy.CreateClient();
            tokenOnCopy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.OperatorAToken);
            var history = await tokenOnCopy.GetFromJsonAsync<List<HistoryEntry>>($"/api/admin/clubs/{world.ClubA}/history", ClubFinderApp.Json);
            Assert.Equal(["fee"], history![0].Changes);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RestoreRefusesADatabaseThatHoldsDataUnlessToldToReplaceIt()
    {
        var file = Path.Combine(Path.GetTempPath(), $"clubfinder-test-{Guid.NewGuid():N}.dump");
        await using var target = await TestDatabase.CreateAsync("replaced");
        try
        {
            await DatabaseBackup.BackupAsync(app.ConnectionString, file);
            await using (var db = new NpgsqlConnection(target.ConnectionString))
                await db.ExecuteAsync("CREATE TABLE precious (note text); INSERT INTO precious VALUES ('TEST must survive a refused restore')");

            var refused = await Assert.ThrowsAsync<BackupException>(() => DatabaseBackup.RestoreAsync(target.ConnectionString, file, replace: false));
            Assert.Contains("--replace", refused.Message);
            await using (var db = new NpgsqlConnection(target.ConnectionString))
                Assert.Equal("TEST must survive a refused restore", await db.ExecuteScalarAsync<string>("SELECT note FROM precious"));

            await DatabaseBackup.RestoreAsync(target.ConnectionString, file, replace: true);
            await using (var db = new NpgsqlConnection(target.ConnectionString))
                Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM pg_tables WHERE tablename = 'precious'"));
            Assert.Equal(await TableFingerprintsAsync(app.ConnectionString), await TableFingerprintsAsync(target.ConnectionString));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Every table's row count and a hash of all its rows in a stable order.</summary>
    static async Task<string> TableFingerprintsAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        var tables = (await db.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).ToList();
        Assert.Contains("audit_log", tables);
        var lines = new List<string>();
        foreach (var table in tables)
        {
            var (count, hash) = await db.QuerySingleAsync<(long, string?)>(
                $"SELECT count(*), md5(string_agg(t::text, '|' ORDER BY t::text)) FROM \"{table}\" t");
            lines.Add($"{table}: {count} {hash}");
        }
        return string.Join("\n", lines);
    }
}
