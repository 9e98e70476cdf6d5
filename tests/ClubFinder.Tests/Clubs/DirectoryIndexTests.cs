using System.Text;
using System.Text.Json;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Api.Schedules;
using NetTopologySuite.Geometries;

namespace ClubFinder.Tests.Clubs;

/// <summary>
/// The directory's indexes (grid, district lists, the "starting soon" index) give exactly the answers
/// of measuring and filtering every club, on random synthetic clubs ("TEST synthetic …", in memory only).
/// </summary>
public class DirectoryIndexTests
{
    static readonly DateTime Now = new(2026, 3, 10, 10, 30, 0);

    /// <param name="farAway">Whether every 50th club is in Gdańsk: clubs far apart keep the grid's cells in a dictionary
    /// only, those of one city also in rows (both are searched).</param>
    static DirectorySnapshot SyntheticSnapshot(int seed, int count, bool farAway = true)
    {
        var random = new Random(seed);
        var organizations = OperatorType.All.Select(t => new Organization { Slug = $"test-synthetic-{t}", Name = $"TEST synthetic {t}", Type = t }).ToArray();
        var clubs = new List<DirectoryClub>();
        for (var i = 0; i < count; i++)
        {
            // Mostly over Kraków, some exactly on one spot (ties broken by name; those of one name, as
            // copies of a club are, by slug), a few far away.
            var (lat, lon) = (i % 50) switch
            {
                0 when farAway => (54.35 + random.NextDouble(), 18.6 + random.NextDouble()),
                1 or 2 => (50.0614, 19.9366),
                _ => (49.95 + random.NextDouble() * 0.2, 19.78 + random.NextDouble() * 0.45),
            };
            var district = random.Next(0, 19);
            var club = new Club
            {
                Id = i + 1, Slug = $"test-synthetic-{i}", Name = i % 50 == 2 ? "TEST synthetic club twin" : $"TEST synthetic club {random.Next(100000):D5}",
                Organization = organizations[random.Next(organizations.Length)],
                Location = new Point(lon, lat), SpecialNeeds = random.Next(4) == 0, Status = ClubStatus.Active,
            };
            for (var s = random.Next(0, 4); s > 0; s--)
            {
                var start = new TimeOnly(random.Next(7, 20), random.Next(4) * 15);
                club.Sessions.Add(new Session { Id = i * 10 + s, ClubId = club.Id, Weekday = random.Next(1, 8), StartsAt = start, EndsAt = start.AddMinutes(90) });
            }
            clubs.Add(new DirectoryClub(club, district == 0 ? null : new DistrictRef(district, $"TEST district {district}"), $"test synthetic {i}"));
        }
        clubs.Sort((a, b) => string.CompareOrdinal(a.Club.Name, b.Club.Name) is var c && c != 0 ? c : string.CompareOrdinal(a.Club.Slug, b.Club.Slug));
        return new DirectorySnapshot(clubs, [], 0, 1, DateTimeOffset.UnixEpoch);
    }

    static ClubQuery Query(Random random) => new(null, random.Next(3) == 0 ? OperatorType.All[random.Next(5)] : null,
        random.Next(3) == 0 ? random.Next(2) == 0 : null, null, null, null, null, null);

    [Theory]
    [InlineData(1, 3000)]
    [InlineData(2, 40)]
    [InlineData(3, 1)]
    [InlineData(10, 3000, false)]
    [InlineData(20, 30, false)]
    public void NearestFromTheGridEqualsMeasuringEveryClub(int seed, int count, bool farAway = true)
    {
        var snapshot = SyntheticSnapshot(seed, count, farAway);
        var random = new Random(seed + 100);
        for (var n = 0; n < 400; n++)
        {
            var (lat, lon) = n % 7 == 0 ? (50.0614, 19.9366) : (49.9 + random.NextDouble() * 0.3, 19.7 + random.NextDouble() * 0.6);
            var limit = random.Next(1, 51);
            double? within = random.Next(3) == 0 ? null : random.Next(1, 50_000);
            var query = Query(random);

            var expected = snapshot.Clubs.Where(c => query.Matches(c, Now))
                .Select(c => (Club: c, Distance: Geo.DistanceMeters(lat, lon, c.Lat, c.Lon)))
                .Where(x => within is null || x.Distance <= within)
                .OrderBy(x => x.Distance).ThenBy(x => x.Club.Club.Name, StringComparer.Ordinal).ThenBy(x => x.Club.Club.Slug, StringComparer.Ordinal)
                .Take(limit).Select(x => (x.Club.Club.Slug, x.Distance)).ToList();
            var actual = snapshot.Grid.Nearest(lat, lon, limit, within, c => query.Matches(c, Now)).Select(x => (x.Club.Club.Slug, x.Distance)).ToList();

            // Clubs at the same spot with the same name may come in either order; the distances may not.
            Assert.Equal(expected.Select(x => x.Distance), actual.Select(x => x.Distance));
            Assert.Equal(expected.Select(x => x.Slug).Order(), actual.Select(x => x.Slug).Order());
        }
    }

    [Theory]
    [InlineData(4, 3000)]
    [InlineData(5, 10)]
    [InlineData(14, 3000, false)]
    [InlineData(24, 30, false)]
    public void BoundingBoxesAndMapViewsFromTheGridEqualScanningEveryClub(int seed, int count, bool farAway = true)
    {
        var snapshot = SyntheticSnapshot(seed, count, farAway);
        Assert.Equal(!farAway, snapshot.Grid.InRows);
        var random = new Random(seed + 100);
        for (var n = 0; n < 400; n++)
        {
            // Small boxes cut through cells; large ones hold whole cells (the whole world, every 10th); a cell's
            // pieces of the minute are reused by the views after the first.
            var size = n % 10 == 0 ? 40 : random.NextDouble() * random.NextDouble() * 0.2;
            var (minLon, minLat) = (19.7 + random.NextDouble() * 0.6 - (n % 10 == 0 ? 20 : 0), 49.9 + random.NextDouble() * 0.3 - (n % 10 == 0 ? 20 : 0));
            var (maxLon, maxLat) = (minLon + size, minLat + size * 0.7);
            var inside = snapshot.Clubs.Where(c => c.Lon >= minLon && c.Lon <= maxLon && c.Lat >= minLat && c.Lat <= maxLat).ToList();
            var expected = inside.Select(c => c.Club.Slug);
            var query = new ClubQuery(null, null, null, null, null, null, null, (minLon, minLat, maxLon, maxLat));
            Assert.Equal(expected, snapshot.Grid.InBox(minLon, minLat, maxLon, maxLat).Select(c => c.Club.Slug));
            Assert.Equal(expected, query.Apply(snapshot, Now).Select(c => c.Club.Slug));

            // The map view, from the cells' joined pieces: each club in the box with its own feature, once.
            var view = ClubGeoJson.WriteView(snapshot.Grid, minLon, minLat, maxLon, maxLat, Now, CancellationToken.None);
            using var collection = JsonDocument.Parse(view.Body);
            Assert.Equal(view.Length, view.Body.Length);
            Assert.Equal("FeatureCollection", collection.RootElement.GetProperty("type").GetString());
            Assert.Equal(inside.Select(c => Encoding.UTF8.GetString(c.ToMapFeatureJson(Now))).Order(StringComparer.Ordinal),
                collection.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetRawText()).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void DistrictListsEqualFilteringEveryClubAndKeepTheNameOrder()
    {
        var snapshot = SyntheticSnapshot(6, 3000);
        var random = new Random(106);
        for (var district = 1; district <= 18; district++)
        {
            var query = Query(random) with { District = district };
            var expected = snapshot.Clubs.Where(c => c.District?.Number == district && query.Matches(c, Now)).Select(c => c.Club.Slug).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, query.Apply(snapshot, Now).Select(c => c.Club.Slug));
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void StartingSoonFromTheIndexEqualsEveryClubsTimetable(int seed)
    {
        var snapshot = SyntheticSnapshot(seed, 2000);
        var random = new Random(seed + 100);
        var found = 0;
        for (var n = 0; n < 60; n++)
        {
            // Across a week that includes the spring clock change (2026-03-29).
            var nowLocal = new DateTime(2026, 3, 23, 0, 0, 0).AddMinutes(random.Next(0, 8 * 24 * 60));
            var now = Warsaw.Resolve(nowLocal);
            var until = now + TimeSpan.FromMinutes(random.Next(1, 7 * 24 * 60));
            var (lat, lon) = (49.95 + random.NextDouble() * 0.2, 19.78 + random.NextDouble() * 0.45);
            var radius = random.Next(1, 10_000);

            var expected = snapshot.Clubs
                .Select(c => (Club: c, Distance: Geo.DistanceMeters(lat, lon, c.Lat, c.Lon)))
                .Where(x => x.Distance <= radius)
                .SelectMany(x => ClubSchedule.Occurrences(x.Club.Club, DateOnly.FromDateTime(Warsaw.ToLocal(now)), DateOnly.FromDateTime(Warsaw.ToLocal(until)))
                    .Where(o => o.Start >= now && o.Start <= until).Select(o => (x.Club.Club.Slug, o.Start, o.Session.Id)))
                .OrderBy(x => x.Start).ThenBy(x => x.Slug, StringComparer.Ordinal).ThenBy(x => x.Id).ToList();
            var actual = UpcomingIndex.For(snapshot, Warsaw.ToLocal(now)).Starting(now, until, lat, lon, radius)
                .Select(x => (x.Club.Club.Slug, x.Occurrence.Start, x.Occurrence.Session.Id))
                .OrderBy(x => x.Start).ThenBy(x => x.Slug, StringComparer.Ordinal).ThenBy(x => x.Id).ToList();
            Assert.Equal(expected, actual);
            found += expected.Count;
        }
        Assert.True(found > 100, $"only {found} sessions in all the windows: the comparison says little");
    }
}
