using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClubFinder.Tests.Clubs;

/// <summary>Changes name the clubs they touch, and the directory applies them club by club.</summary>
[Collection(AppCollection.Name)]
public class IncrementalDirectoryTests(ClubFinderApp app)
{
    [Fact]
    public async Task ChangesToAClubItsSessionsAndClosuresNameThatClub()
    {
        await using var db = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(db, 50.05, 19.95);
        var id = await db.ExecuteScalarAsync<int>("SELECT id FROM clubs WHERE slug = @slug", new { slug });
        await using var listener = await app.OpenConnectionAsync();
        var payloads = new ConcurrentQueue<string>();
        listener.Notification += (_, e) => payloads.Enqueue(e.Payload);
        await listener.ExecuteAsync($"LISTEN {ClubDirectoryListener.Channel}");
        try
        {
            await db.ExecuteAsync("UPDATE clubs SET description = 'TEST synthetic change' WHERE id = @id", new { id });
            await db.ExecuteAsync("INSERT INTO sessions (club_id, weekday, starts_at, ends_at) VALUES (@id, 3, '10:00', '12:00')", new { id });
            await db.ExecuteAsync("INSERT INTO closures (club_id, from_date, to_date, reason) VALUES (@id, '2026-03-16', '2026-03-17', 'TEST synthetic')", new { id });
            await db.ExecuteAsync("DELETE FROM sessions WHERE club_id = @id", new { id });
            for (var i = 0; i < 4; i++) await listener.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(Enumerable.Repeat($"clubs {id}", 4), payloads);
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }

    [Fact]
    public async Task AOneClubEditReachesTheApiWithoutRebuildingTheOtherClubs()
    {
        await using var db = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(db, 50.07, 19.90);
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug));
            var other = app.Directory.Current.Clubs.First(c => c.Club.Slug != slug);
            var name = $"TEST synthetic renamed {Guid.NewGuid():N}"[..40];
            await db.ExecuteAsync("UPDATE clubs SET name = @name WHERE slug = @slug", new { name, slug });

            var found = await Eventually.ValueAsync(() => app.GetJsonAsync<ClubList>($"/api/clubs?q={Uri.EscapeDataString(name)}"), l => l.Total == 1);
            Assert.Equal(slug, Assert.Single(found.Items).Slug);
            // Only the named club was read again: every other club is still the object loaded before.
            Assert.Same(other, app.Directory.Current.BySlug[other.Club.Slug]);
            var names = app.Directory.Current.Clubs.Select(c => c.Club.Name).ToList();
            var polish = StringComparer.Create(new System.Globalization.CultureInfo("pl-PL"), true);
            Assert.Equal(names.Order(polish), names);

            await db.ExecuteAsync("UPDATE clubs SET status = 'closed' WHERE slug = @slug", new { slug });
            await app.WaitForReloadAsync(s => !s.BySlug.ContainsKey(slug));
            Assert.Same(other, app.Directory.Current.BySlug[other.Club.Slug]);
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }

    [Fact]
    public async Task StartUpReadsTheDirectoryOnceAndChangesAfterItArriveClubByClub()
    {
        var loads = new ConcurrentBag<object?>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: ClubFinderMetrics.MeterName, Name: "clubfinder.directory.reloads" }) l.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((instrument, _, _, _) => loads.Add(instrument.Meter.Scope));
        meters.Start();

        await using var fresh = app.WithWebHostBuilder(_ => { });
        _ = fresh.Server;
        var directory = fresh.Services.GetRequiredService<ClubDirectory>();
        Assert.True(directory.IsLoaded, "the directory is loaded before the app takes requests");

        // A club written after start-up (no other table touched) reaches this instance through the listener.
        await using var db = await app.OpenConnectionAsync();
        var slug = $"test-synthetic-{Guid.NewGuid():N}"[..30];
        await db.ExecuteAsync("""
            INSERT INTO clubs (slug, name, organization_id, street, house_number, location, location_precision, district_number, special_needs, languages, status, sources)
            SELECT @slug, 'TEST synthetic club ' || @slug, min(id), 'ul. Testowa', '1', ST_SetSRID(ST_MakePoint(19.94, 50.06), 4326), 'building',
                   (SELECT number FROM districts WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(19.94, 50.06), 4326))), false, '{pl}', 'active', '[]'
            FROM organizations
            """, new { slug });
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(directory.Current.BySlug.ContainsKey(slug)), "the new club in the fresh instance");
            var scope = fresh.Services.GetRequiredService<IMeterFactory>();
            Assert.Equal(1, loads.Count(s => ReferenceEquals(s, scope)));
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }

    [Fact]
    public async Task ASafetyNetReloadKeepsAnUnchangedSnapshotAndItsETagsButLoadsAChangeNobodyAnnounced()
    {
        var client = app.CreateClient();
        await using var db = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(db, 50.06, 19.93);
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug));
            // The first reload loads (the snapshot came from an incremental update, which no fingerprint vouches
            // for); the second finds the same tables and keeps it. Retried only if a stray notification lands between.
            DirectorySnapshot kept = null!;
            string etag = null!;
            await Eventually.TrueAsync(async () =>
            {
                await app.Directory.ReloadAsync();
                kept = app.Directory.Current;
                etag = (await client.GetAsync("/api/clubs")).Headers.ETag!.Tag;
                await app.Directory.ReloadAsync();
                return ReferenceEquals(kept, app.Directory.Current);
            }, "a reload that finds nothing changed to keep the snapshot");
            Assert.Equal(HttpStatusCode.NotModified, (await RevalidateAsync(client, etag)).StatusCode);

            // A change that sent no notification (its trigger off inside its own transaction): only the safety net sees it.
            var name = $"TEST synthetic unannounced {Guid.NewGuid():N}"[..40];
            await using (var tx = await db.BeginTransactionAsync())
            {
                await db.ExecuteAsync("ALTER TABLE clubs DISABLE TRIGGER clubs_notify_updated", transaction: tx);
                await db.ExecuteAsync("UPDATE clubs SET name = @name WHERE slug = @slug", new { name, slug }, tx);
                await db.ExecuteAsync("ALTER TABLE clubs ENABLE TRIGGER clubs_notify_updated", transaction: tx);
                await tx.CommitAsync();
            }
            Assert.Same(kept, app.Directory.Current);
            await app.Directory.ReloadAsync();
            Assert.Equal(name, app.Directory.Current.BySlug[slug].Club.Name);
            Assert.NotEqual(kept.Tag, app.Directory.Current.Tag);
            Assert.Equal(HttpStatusCode.OK, (await RevalidateAsync(client, etag)).StatusCode);
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }

    [Fact]
    public async Task TheFingerprintCoversEveryTableWhoseChangesTheAppListensFor()
    {
        await using var db = await app.OpenConnectionAsync();
        // The tables with a trigger that notifies the app: a change to any of them must change the fingerprint,
        // or a safety-net reload would keep a snapshot (and the coverage computed from it) that missed it.
        var notifying = (await db.QueryAsync<string>("""
            SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND p.proname LIKE 'notify_clubfinder%'
            """)).ToList();
        var fingerprinted = System.Text.RegularExpressions.Regex.Matches(ClubDirectory.FingerprintSql, @"FROM (\w+)")
            .Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("clubs", notifying);
        Assert.All(notifying, table => Assert.Contains(table, fingerprinted));
    }

    static Task<HttpResponseMessage> RevalidateAsync(HttpClient client, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/clubs");
        request.Headers.IfNoneMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Parse(etag));
        return client.SendAsync(request);
    }

    [Theory]
    [InlineData(new[] { "clubs 1,2", "clubs 3" }, new[] { 1, 2, 3 })]
    [InlineData(new[] { "clubs 7" }, new[] { 7 })]
    [InlineData(new[] { "clubs 1", "districts" }, null)]
    [InlineData(new[] { "clubs *" }, null)]
    [InlineData(new[] { "clubs" }, null)]
    [InlineData(new[] { "organizations", "clubs 4" }, null)]
    public void NotificationsNamingOnlyClubsAreAppliedClubByClub(string[] payloads, int[]? expected)
    {
        var queue = new ConcurrentQueue<string>(payloads);
        var ids = ClubDirectoryListener.ClubsNamedBy(queue);
        if (expected is null) Assert.Null(ids);
        else Assert.Equal(expected, ids!.Order());
        Assert.Empty(queue);
    }
}
