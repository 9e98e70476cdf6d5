using System.Diagnostics;
using System.Text.Json.Nodes;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Infrastructure;
using Dapper;

namespace ClubFinder.Tests.Clubs;

[Collection(AppCollection.Name)]
public class NearestTests(ClubFinderApp app)
{
    [Fact]
    public async Task NearestEqualsABruteForceGeodesicRankingForRandomPoints()
    {
        var random = new Random(20261124);
        // Points in and around Kraków (the city is about 0.45° × 0.2°), all within the service area.
        var points = Enumerable.Range(0, 300)
            .Select(i => (Id: i, Lat: 49.95 + random.NextDouble() * 0.22, Lon: 19.75 + random.NextDouble() * 0.50))
            .ToList();

        await using var db = await app.OpenConnectionAsync();
        // PostGIS as the independent oracle: great-circle distance on the same mean-radius sphere.
        var expected = (await db.QueryAsync<(int Id, string Slug, double Distance)>("""
            SELECT p.id, c.slug, ST_Distance(c.location::geography, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)::geography, false)
            FROM unnest(@ids, @lats, @lons) AS p(id, lat, lon)
            CROSS JOIN clubs c
            WHERE c.location IS NOT NULL AND c.status <> 'closed'
            """, new { ids = points.Select(p => p.Id).ToArray(), lats = points.Select(p => p.Lat).ToArray(), lons = points.Select(p => p.Lon).ToArray() }))
            .ToLookup(r => r.Id);

        var client = app.CreateClient();
        foreach (var point in points)
        {
            var result = await app.GetJsonAsync<NearestResult>(
                FormattableString.Invariant($"/api/clubs/nearest?lat={point.Lat}&lon={point.Lon}&limit=50"));
            var all = expected[point.Id].OrderBy(r => r.Distance).ToList();
            var oracle = all.Take(50).ToList();
            Assert.Equal(oracle.Count, result.Items.Count);
            for (var i = 0; i < oracle.Count; i++)
            {
                Assert.InRange(result.Items[i].DistanceMeters, oracle[i].Distance - 1, oracle[i].Distance + 1);
                // Order must agree except where two clubs are within a metre of each other.
                if (result.Items[i].Slug != oracle[i].Slug)
                    Assert.InRange(Math.Abs(all.Single(o => o.Slug == result.Items[i].Slug).Distance - oracle[i].Distance), 0, 1);
            }
        }
    }

    [Fact]
    public async Task NearestHonoursLimitAndMaxDistanceAndReportsTheOrigin()
    {
        var five = await app.GetJsonAsync<NearestResult>("/api/clubs/nearest?lat=50.0614&lon=19.9366");
        Assert.Equal(5, five.Items.Count);
        Assert.Equal(1, five.Origin.District!.Number);
        Assert.True(five.Items.Zip(five.Items.Skip(1)).All(p => p.First.DistanceMeters <= p.Second.DistanceMeters));
        Assert.All(five.Items, c => Assert.Equal((int)Math.Ceiling(c.DistanceMeters * 1.3 / 80), c.WalkingMinutes, tolerance: 1));

        var within = await app.GetJsonAsync<NearestResult>("/api/clubs/nearest?lat=50.0614&lon=19.9366&limit=50&maxDistance=3000");
        Assert.All(within.Items, c => Assert.True(c.DistanceMeters <= 3000));
        var all = await app.GetJsonAsync<NearestResult>("/api/clubs/nearest?lat=50.0614&lon=19.9366&limit=50");
        Assert.Equal(all.Items.Count(c => c.DistanceMeters <= 3000), within.Items.Count);
    }

    [Theory]
    [InlineData("lat=50.0614&lon=19.9366&limit=50")]
    [InlineData("lat=50.02&lon=19.91&limit=3&operatorType=culture")]
    [InlineData("district=8&limit=4")]
    [InlineData("lat=50.0614&lon=19.9366&maxDistance=1")]
    public async Task EachNearbyClubIsTheListsSummaryWithItsDistanceFirst(string query)
    {
        // The answer is written from each club's summary JSON of the minute: it must be what serialising NearestResult gives.
        var client = app.CreateClient();
        var list = JsonNode.Parse(await client.GetStringAsync("/api/clubs?limit=1000"))!["items"]!.AsArray()
            .ToDictionary(c => (string)c!["slug"]!);
        var text = await client.GetStringAsync("/api/clubs/nearest?" + query);
        var nearest = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["origin", "items"], nearest.Select(p => p.Key));
        Assert.Equal(["lat", "lon", "district"], nearest["origin"]!.AsObject().Select(p => p.Key));
        var items = nearest["items"]!.AsArray();
        if (query.Contains("maxDistance=1")) Assert.Empty(items);
        else Assert.NotEmpty(items);
        var typed = await app.GetJsonAsync<NearestResult>("/api/clubs/nearest?" + query);
        Assert.Equal(items.Count, typed.Items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]!.AsObject();
            Assert.Equal(["distanceMeters", "walkingMinutes", "slug"], item.Select(p => p.Key).Take(3));
            Assert.Equal(typed.Items[i].DistanceMeters, (double)item["distanceMeters"]!);
            var summary = item.DeepClone().AsObject();
            summary.Remove("distanceMeters");
            summary.Remove("walkingMinutes");
            Assert.True(JsonNode.DeepEquals(list[(string)item["slug"]!], summary), $"{item["slug"]}: {summary.ToJsonString()} is not the list's summary");
        }
    }

    [Fact]
    public async Task EqualDistancesAreBrokenByName()
    {
        await using var db = await app.OpenConnectionAsync();
        var b = await SyntheticClubs.InsertAsync(db, 50.0300, 19.9900, name: "TEST synthetic B twin");
        var a = await SyntheticClubs.InsertAsync(db, 50.0300, 19.9900, name: "TEST synthetic A twin");
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(a) && s.BySlug.ContainsKey(b));
            var result = await app.GetJsonAsync<NearestResult>("/api/clubs/nearest?lat=50.0301&lon=19.9901&limit=2");
            Assert.Equal([a, b], result.Items.Select(c => c.Slug));
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, a, b);
        }
    }

    [Fact]
    public async Task AWriteMadeDirectlyInTheDatabaseIsServedWithoutARestart()
    {
        await using var db = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(db, 50.0800, 19.9000);
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug));
            await db.ExecuteAsync("UPDATE clubs SET name = 'TEST synthetic renamed by another instance' WHERE slug = @slug", new { slug });
            // The full safety-net reload is minutes away, so only the NOTIFY path can deliver this in time.
            var name = await Eventually.ValueAsync(async () => (await app.GetJsonAsync<ClubDetails>($"/api/clubs/{slug}")).Name,
                n => n == "TEST synthetic renamed by another instance");
            Assert.Equal("TEST synthetic renamed by another instance", name);
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }

    [Fact]
    public async Task TheListenerReconnectsAfterLosingItsConnectionAndCatchesUp()
    {
        await using var db = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(db, 50.0900, 19.9200);
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug));
            var killed = await db.ExecuteScalarAsync<int>("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = @name AND pid <> pg_backend_pid()
                """, new { name = ClubDirectoryListener.ApplicationName });
            Assert.Equal(1, killed);
            await db.ExecuteAsync("UPDATE clubs SET name = 'TEST synthetic renamed while the listener was away' WHERE slug = @slug", new { slug });

            // The snapshot keeps serving meanwhile, and the change arrives once the listener is back.
            Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/clubs/{slug}")).StatusCode);
            await app.WaitForReloadAsync(s => s.BySlug[slug].Club.Name == "TEST synthetic renamed while the listener was away");
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }
}
