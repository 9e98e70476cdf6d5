using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Admin;
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
        var world = await AdminWorld.CreateAsync(app);
        var signedIn = await AdminWorld.SignInAsync(app, world.OperatorAEmail);
        var script = AdminWorld.Bearer(app, world.OperatorAToken);
        var read = await script.GetAsync($"/api/admin/clubs/{world.ClubA}");
        var document = await read.Content.ReadAsStringAsync();
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(world.ClubA));
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
        // The full reloads of this app (other instances in the process report to the same meter, with another scope).
        var reloads = new System.Collections.Concurrent.ConcurrentQueue<string?>();
        var scope = app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var meters = new System.Diagnostics.Metrics.MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: ClubFinder.Api.Infrastructure.ClubFinderMetrics.MeterName, Name: "clubfinder.directory.reloads" }
                && ReferenceEquals(instrument.Meter.Scope, scope)) l.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "outcome") reloads.Enqueue(tag.Value as string);
        });
        meters.Start();
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            var during = await app.GetJsonAsync<ClubList>("/api/clubs");
            Assert.Equal(before.Items.Select(c => c.Slug), during.Items.Select(c => c.Slug));
            var nearest = await app.GetJsonAsync<NearestResult>("/api/clubs/nearest?lat=50.0614&lon=19.9366");
            Assert.NotEmpty(nearest.Items);
            // How complete the list is comes from the database when it can, and from memory now.
            var config = await app.GetJsonAsync<System.Text.Json.JsonElement>("/api/config");
            Assert.Equal(during.Total, config.GetProperty("listedClubCount").GetInt32());
            // A signed-in operator browsing the public pages is served from memory too.
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/clubs")).StatusCode);
            // Suggestions as one types come from the place index in memory too.
            var places = await app.GetJsonAsync<List<ClubFinder.Api.Places.PlaceSuggestion>>("/api/places?q=ruczaj");
            Assert.Equal("Ruczaj", places[0].Label);

            // What needs the database says so honestly: 503, Retry-After, problem JSON; never a 500.
            await AssertUnavailableAsync(await client.GetAsync("/api/places/lookup?q=rynek&online=false"));
            await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = world.OperatorAEmail, password = AdminWorld.Password }));
            await AssertUnavailableAsync(await signedIn.GetAsync("/api/admin/clubs"));
            var write = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{world.ClubA}")
            {
                Content = new StringContent(document, System.Text.Encoding.UTF8, "application/json"),
            };
            write.Headers.IfMatch.Add(read.Headers.ETag!);
            await AssertUnavailableAsync(await script.SendAsync(write));
        }
        finally
        {
            await using var db = new NpgsqlConnection(admin);
            await db.ExecuteAsync($"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
            dataSource.Clear();
            NpgsqlConnection.ClearAllPools();
        }

        // Back again: ready only once the directory has reloaded (notifications sent while the listener was
        // away are lost), and the listener reconnects (a change is served again).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "The service did not become ready after the database came back.");
            await Task.Delay(100);
        }
        // Nothing changed while it was away, so the reload may keep the snapshot ("unchanged"), but it ran and succeeded.
        Assert.Contains(reloads, outcome => outcome is "success" or "unchanged");
        Assert.False(app.Directory.IsStale);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/places?q=rynek")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/admin/clubs")).StatusCode);
        await using var back = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(back, 50.0700, 19.9100);
        try
        {
            // The listener may be in its back-off (up to 30 s) when the database returns.
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug), TimeSpan.FromSeconds(120));
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, back, slug);
        }
    }

    static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage!.RequestUri}: {(int)response.StatusCode} {body}");
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing.");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }
}
