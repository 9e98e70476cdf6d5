using System.Net;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClubFinder.Tests.Clubs;

[Collection(AppCollection.Name)]
public class DatabaseAwayTests(ClubFinderApp app)
{
    [Fact]
    public async Task PublicReadsKeepWorkingWhileTheDatabaseIsAwayAndReadinessSaysSo()
    {
        var client = app.CreateClient();
        var before = await app.GetJsonAsync<ClubList>("/api/clubs");
        var admin = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        await using (var db = new NpgsqlConnection(admin))
        {
            // The database goes away: no new connections, and every open one is cut.
            await db.ExecuteAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false");
            await db.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database", new { database });
        }
        // Drop the app's idle connections too, so no later test meets one the server cut.
        NpgsqlConnection.ClearAllPools();
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        dataSource.Clear();
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            var during = await app.GetJsonAsync<ClubList>("/api/clubs");
            Assert.Equal(before.Items.Select(c => c.Slug), during.Items.Select(c => c.Slug));
            var nearest = await app.GetJsonAsync<NearestResult>("/api/clubs/nearest?lat=50.0614&lon=19.9366");
            Assert.NotEmpty(nearest.Items);
        }
        finally
        {
            await using var db = new NpgsqlConnection(admin);
            await db.ExecuteAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
            dataSource.Clear();
            NpgsqlConnection.ClearAllPools();
        }

        // Back again: ready, and the listener reconnects (a change is served again).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "The service did not become ready after the database came back.");
            await Task.Delay(100);
        }
        await using var back = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(back, 50.0700, 19.9100);
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug), TimeSpan.FromSeconds(15));
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(back, slug);
        }
    }
}
