using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Districts;
using ClubFinder.Tests.Infrastructure;
using Dapper;

namespace ClubFinder.Tests.Clubs;

[Collection(AppCollection.Name)]
public class PublicApiTests(ClubFinderApp app)
{
    [Fact]
    public async Task ListReturnsEveryLocatedClubSortedByName()
    {
        await using var db = await app.OpenConnectionAsync();
        var expected = await db.ExecuteScalarAsync<int>("SELECT count(*) FROM clubs WHERE location IS NOT NULL AND status <> 'closed'");
        var list = await app.GetJsonAsync<ClubList>($"/api/clubs?limit={ClubEndpoints.MaxPage}");
        Assert.Equal(expected, list.Total);
        Assert.Equal(expected, list.Items.Count);
        var polish = StringComparer.Create(new System.Globalization.CultureInfo("pl-PL"), true);
        Assert.Equal(list.Items.Select(c => c.Name).OrderBy(n => n, polish), list.Items.Select(c => c.Name));
        Assert.All(list.Items, c => Assert.False(string.IsNullOrEmpty(c.Address.Label)));
    }

    [Fact]
    public async Task ListsComeInPagesThatJoinIntoTheWholeList()
    {
        var whole = await app.GetJsonAsync<ClubList>("/api/clubs?limit=1000");
        Assert.True(whole.Total > 7);
        var joined = new List<string>();
        for (var offset = 0; ; offset += 7)
        {
            var page = await app.GetJsonAsync<ClubList>($"/api/clubs?limit=7&offset={offset}");
            Assert.Equal(whole.Total, page.Total);
            if (page.Items.Count == 0) break;
            Assert.True(page.Items.Count == 7 || offset + page.Items.Count == whole.Total);
            joined.AddRange(page.Items.Select(c => c.Slug));
        }
        Assert.Equal(whole.Items.Select(c => c.Slug), joined);

        // Past the default page: clubs beyond the first 100 are counted in total and come with the next offset.
        await using var db = await app.OpenConnectionAsync();
        // Tests before this one may have left their TEST clubs: at least one page club is added.
        var extra = Math.Max(1, ClubEndpoints.DefaultPage + 5 - whole.Total);
        await db.ExecuteAsync("""
            INSERT INTO organizations (slug, name, type) VALUES ('test-synthetic-ngo', 'TEST synthetic operator', 'ngo') ON CONFLICT (slug) DO NOTHING;
            INSERT INTO clubs (slug, name, organization_id, street, house_number, location, location_precision, district_number, special_needs, languages, status, sources)
            SELECT 'test-synthetic-page-' || g, 'TEST synthetic page club ' || g, (SELECT id FROM organizations WHERE slug = 'test-synthetic-ngo'),
                   'ul. Testowa', g::text, ST_SetSRID(ST_MakePoint(19.93 + g * 0.0001, 50.06), 4326), 'building', 1, false, '{pl}', 'active', '[]'
            FROM generate_series(1, @extra) g
            """, new { extra });
        try
        {
            var total = whole.Total + extra;
            await app.WaitForReloadAsync(s => s.Clubs.Count == total);
            var first = await app.GetJsonAsync<ClubList>("/api/clubs");
            Assert.Equal(total, first.Total);
            Assert.Equal(ClubEndpoints.DefaultPage, first.Items.Count);
            var rest = await app.GetJsonAsync<ClubList>($"/api/clubs?offset={ClubEndpoints.DefaultPage}");
            Assert.Equal(total - ClubEndpoints.DefaultPage, rest.Items.Count);
            var all = await app.GetJsonAsync<ClubList>("/api/clubs?limit=1000");
            Assert.Equal(all.Items.Select(c => c.Slug), first.Items.Concat(rest.Items).Select(c => c.Slug));
            // The map layer is not paged: every match.
            var geojson = await app.GetJsonAsync<JsonElement>("/api/clubs.geojson");
            Assert.Equal(total, geojson.GetProperty("features").GetArrayLength());
        }
        finally
        {
            await db.ExecuteAsync("DELETE FROM clubs WHERE slug LIKE 'test-synthetic-page-%'");
            await app.WaitForReloadAsync(s => s.Clubs.Count == whole.Total);
        }
    }

    [Fact]
    public async Task ClubCoordinatesHaveAtMostSixDecimalsInJsonGeoJsonCsvAndICalendar()
    {
        // A synthetic point with 15 decimals, as a map click or an operator's drag produces.
        await using var db = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(db, 50.061234567891234, 19.937654321098765);
        // A session, so that the club's calendar has an event with a GEO property.
        await Dapper.SqlMapper.ExecuteAsync(db, "INSERT INTO sessions (club_id, weekday, starts_at, ends_at, title) SELECT id, 2, '10:00', '11:00', 'TEST synthetic session' FROM clubs WHERE slug = @slug", new { slug });
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.TryGetValue(slug, out var c) && c.Club.Sessions.Count == 1);
            var client = app.CreateClient();
            var tooPrecise = new System.Text.RegularExpressions.Regex(@"\b(50\.0612345|19\.9376543)\d+");
            foreach (var url in new[] { "/api/clubs", $"/api/clubs/{slug}", "/api/clubs.geojson", "/api/clubs/nearest?lat=50.0612&lon=19.9376&limit=3", "/api/export/clubs.csv", "/api/export/clubs.geojson",
                         $"/api/clubs/{slug}/calendar.ics", "/api/calendar.ics?district=I" })
            {
                var body = await client.GetStringAsync(url);
                Assert.Contains("50.061235", body);
                Assert.DoesNotMatch(tooPrecise, body);
            }
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }

    [Theory]
    [InlineData("18")]
    [InlineData("XVIII")]
    [InlineData("xviii")]
    [InlineData(" 18 ")]
    public async Task DistrictFilterAcceptsNumbersAndRomanNumerals(string district)
    {
        var list = await app.GetJsonAsync<ClubList>($"/api/clubs?district={Uri.EscapeDataString(district)}");
        Assert.NotEmpty(list.Items);
        Assert.All(list.Items, c => Assert.Equal(18, c.District!.Number));
        var all = await app.GetJsonAsync<ClubList>("/api/clubs");
        Assert.Equal(all.Items.Count(c => c.District?.Number == 18), list.Total);
    }

    [Fact]
    public async Task OperatorTypeFilterKeepsOnlyThatType()
    {
        var ngo = await app.GetJsonAsync<ClubList>("/api/clubs?operatorType=ngo");
        var culture = await app.GetJsonAsync<ClubList>("/api/clubs?operatorType=culture");
        var all = await app.GetJsonAsync<ClubList>("/api/clubs");
        Assert.NotEmpty(ngo.Items);
        Assert.NotEmpty(culture.Items);
        Assert.All(ngo.Items, c => Assert.Equal("ngo", c.Operator.Type));
        Assert.All(culture.Items, c => Assert.Equal("culture", c.Operator.Type));
        Assert.Equal(all.Items.Count(c => c.Operator.Type is "ngo" or "culture"), ngo.Total + culture.Total);
    }

    [Fact]
    public async Task TextSearchIgnoresCaseAndDiacritics()
    {
        var plain = await app.GetJsonAsync<ClubList>("/api/clubs?q=dabska");
        var accented = await app.GetJsonAsync<ClubList>("/api/clubs?q=DĄBSKA");
        Assert.Contains(plain.Items, c => c.Address.Street!.Contains("Dąbska"));
        Assert.Equal(plain.Items.Select(c => c.Slug), accented.Items.Select(c => c.Slug));
        var none = await app.GetJsonAsync<ClubList>("/api/clubs?q=zzzz-no-such-club");
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task BboxKeepsOnlyClubsInsideTheBox()
    {
        var all = await app.GetJsonAsync<ClubList>("/api/clubs");
        // The eastern part of the city (Nowa Huta side).
        var east = await app.GetJsonAsync<ClubList>("/api/clubs?bbox=20.0,49.9,20.3,50.2");
        Assert.NotEmpty(east.Items);
        Assert.All(east.Items, c => Assert.True(c.Location.Lon >= 20.0));
        Assert.Equal(all.Items.Count(c => c.Location.Lon >= 20.0), east.Total);
    }

    [Fact]
    public async Task SpecialNeedsFilterFindsASyntheticSpecialNeedsClub()
    {
        await using var db = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(db, 50.0500, 19.9500, specialNeeds: true);
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug));
            var special = await app.GetJsonAsync<ClubList>("/api/clubs?specialNeeds=true");
            Assert.Contains(special.Items, c => c.Slug == slug);
            Assert.All(special.Items, c => Assert.True(c.SpecialNeeds));
            var notSpecial = await app.GetJsonAsync<ClubList>("/api/clubs?specialNeeds=false");
            Assert.DoesNotContain(notSpecial.Items, c => c.Slug == slug);
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }

    [Fact]
    public async Task GeoJsonHasTheSameClubsAsTheList()
    {
        var list = await app.GetJsonAsync<ClubList>("/api/clubs?operatorType=culture");
        var response = await app.CreateClient().GetAsync("/api/clubs.geojson?operatorType=culture");
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(list.Items.Select(c => c.Slug), features.Select(f => f.GetProperty("id").GetString()));
        Assert.All(list.Items.Zip(features), pair =>
        {
            var (club, feature) = pair;
            var coordinates = feature.GetProperty("geometry").GetProperty("coordinates");
            Assert.Equal(club.Location.Lon, coordinates[0].GetDouble());
            Assert.Equal(club.Location.Lat, coordinates[1].GetDouble());
            // The map layer's properties are what a marker needs, taken from the same summary (kept serialised per minute).
            var expected = new MapClubProperties(club.Name, club.Address.Label, club.Operator.Type, club.District?.Number,
                club.Location.Precision, club.Status, club.SpecialNeeds, club.OpenNow);
            Assert.Equal(expected, feature.GetProperty("properties").Deserialize<MapClubProperties>(ClubFinderApp.Json));
            Assert.Equal(["name", "address", "operatorType", "district", "precision", "status", "specialNeeds", "openNow"],
                feature.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        });

        using var empty = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/api/clubs.geojson?bbox=19.0,49.0,19.01,49.01"));
        Assert.Equal(0, empty.RootElement.GetProperty("features").GetArrayLength());
    }

    [Fact]
    public async Task TheOpenDataGeoJsonCarriesEachClubsWholeSummary()
    {
        var list = await app.GetJsonAsync<ClubList>("/api/clubs?limit=1000");
        using var json = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/api/export/clubs.geojson"));
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(list.Items, features.Select(f => f.GetProperty("properties").Deserialize<ClubSummary>(ClubFinderApp.Json)!));
        Assert.All(features, f => Assert.Equal(f.GetProperty("properties").GetProperty("slug").GetString(), f.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ClubDetailsCarryContactsSourcesAndSchedule()
    {
        var details = await app.GetJsonAsync<ClubDetails>("/api/clubs/kfk-malwa-dobrego-pasterza-6");
        Assert.Equal("kfk-malwa-dobrego-pasterza-6", details.Slug);
        Assert.NotEmpty(details.Sources);
        Assert.False(string.IsNullOrEmpty(details.SourceUrl));
        Assert.NotEmpty(details.Sessions);
        Assert.All(details.Sessions, s => Assert.Matches(@"^\d\d:\d\d$", s.StartsAt));
        Assert.Equal("culture", details.Operator.Type);
    }

    [Fact]
    public async Task AClubWithoutSessionsHasUnknownOpenNowNotClosed()
    {
        var list = await app.GetJsonAsync<ClubList>("/api/clubs");
        var details = await app.GetJsonAsync<ClubDetails>($"/api/clubs/{list.Items.First(c => c.Slug == "ngo-polekont-kurczaba-2").Slug}");
        Assert.Empty(details.Sessions);
        Assert.Null(details.OpenNow);
    }

    [Theory]
    [InlineData("/api/clubs/no-such-club")]
    [InlineData("/api/clubs?district=19")]
    [InlineData("/api/clubs?district=0")]
    [InlineData("/api/clubs?district=99")] // well-formed but no such district: 404, as XIX
    [InlineData("/api/clubs?district=XIX")]
    [InlineData("/api/clubs?district=xx")]
    [InlineData("/api/clubs?district=99999999999")]
    [InlineData("/api/clubs.geojson?district=XIX")]
    [InlineData("/api/no-such-route")]
    [InlineData("/api/districts/locate?lat=50.30&lon=19.94")] // inside the service area, outside Kraków
    public async Task UnknownThingsAreProblem404s(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("Not found", problem.GetProperty("title").GetString());
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "/api/clubs/nearest?lat=abc&lon=19.9", "lat" },
        { "/api/clubs/nearest?lat=NaN&lon=19.9", "lat" },
        { "/api/clubs/nearest?lat=Infinity&lon=19.9", "lat" },
        { "/api/clubs/nearest?lat=91&lon=19.9", "lat" },
        { "/api/clubs/nearest?lat=50.06&lon=181", "lon" },
        { "/api/clubs/nearest?lat=50.06", "lon" },
        { "/api/clubs/nearest?lat=52.23&lon=21.01", "lat" }, // Warsaw: outside the service area
        { "/api/clubs/nearest?lat=50.06&lon=19.94&limit=0", "limit" },
        { "/api/clubs/nearest?lat=50.06&lon=19.94&limit=51", "limit" },
        { "/api/clubs/nearest?lat=50.06&lon=19.94&limit=2.5", "limit" },
        { "/api/clubs/nearest?lat=50.06&lon=19.94&maxDistance=0", "maxDistance" },
        { "/api/clubs/nearest?lat=50.06&lon=19.94&maxDistance=50001", "maxDistance" },
        { "/api/clubs?district=abc", "district" },
        { "/api/clubs?district=-1", "district" }, // malformed: 400, as abc
        { "/api/clubs?district=IIII", "district" },
        { "/api/clubs?district=1.5", "district" },
        { "/api/clubs?operatorType=shop", "operatorType" },
        { "/api/clubs?specialNeeds=maybe", "specialNeeds" },
        { "/api/clubs?day=8", "day" },
        { "/api/clubs?openAt=tomorrow", "openAt" },
        { "/api/clubs?bbox=1,2,3", "bbox" },
        { "/api/clubs?bbox=20,50,19,51", "bbox" },
        { "/api/clubs.geojson?bbox=20,50,19,51", "bbox" }, // a map view alone takes the grid's path: the same checks
        { "/api/clubs.geojson?bbox=19.9,50.0,nan,50.1", "bbox" },
        { "/api/clubs?q=" + new string('x', 201), "q" },
        { "/api/clubs?q=%00abc", "q" },
        { "/api/clubs?limit=0", "limit" },
        { "/api/clubs?limit=1001", "limit" },
        { "/api/clubs?limit=ten", "limit" },
        { "/api/clubs?offset=-1", "offset" },
        { "/api/districts/locate?lat=1e400&lon=19.9", "lat" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInputIsA400ProblemNamingTheField(string url, string field)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
    }

    [Fact]
    public async Task PublicReadsAreCacheableWithETags()
    {
        var client = app.CreateClient();
        var first = await client.GetAsync("/api/clubs?district=16");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("max-age", first.Headers.CacheControl!.ToString());
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/clubs?district=16");
        request.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        var other = await client.GetAsync("/api/clubs?district=8");
        Assert.NotEqual(etag, other.Headers.ETag);
    }

    [Fact]
    public async Task DistrictsListAll18WithClubCountsThatAddUp()
    {
        var districts = await app.GetJsonAsync<DistrictSummary[]>("/api/districts");
        Assert.Equal(Enumerable.Range(1, 18), districts.Select(d => d.Number));
        Assert.Equal("Dębniki", districts[7].Name);
        Assert.Equal("VIII", districts[7].Roman);
        var list = await app.GetJsonAsync<ClubList>("/api/clubs");
        Assert.Equal(list.Total, districts.Sum(d => d.ClubCount));
        Assert.InRange(districts.Sum(d => d.AreaKm2), 320, 330);
    }

    [Fact]
    public async Task DistrictShapesAreSmallValidGeoJson()
    {
        var response = await app.CreateClient().GetAsync("/api/districts.geojson");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.InRange(body.Length, 10_000, 300_000);
        using var json = JsonDocument.Parse(body);
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(18, features.Count);
        Assert.All(features, f => Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" }));
    }

    [Theory]
    [InlineData(50.0614, 19.9366, 1)]  // Rynek Główny
    [InlineData(50.0720, 20.0370, 18)] // Nowa Huta, Plac Centralny area
    [InlineData(50.0350, 19.9100, 8)]  // Dębniki
    public async Task LocateFindsTheDistrictOfAPoint(double lat, double lon, int expected)
    {
        var district = await app.GetJsonAsync<DistrictSummary>(FormattableString.Invariant($"/api/districts/locate?lat={lat}&lon={lon}"));
        Assert.Equal(expected, district.Number);
    }

    [Fact]
    public async Task ConfigTellsTheMapWhatItNeedsAndHowCompleteTheListIs()
    {
        var config = await app.GetJsonAsync<JsonElement>("/api/config");
        Assert.Contains("{z}", config.GetProperty("tileUrl").GetString());
        Assert.Equal(["pl", "en", "uk"], config.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        // Another test's synthetic club may still be leaving the directory: compare two answers of one snapshot.
        var (listed, total) = await Eventually.ValueAsync(async () =>
            ((await app.GetJsonAsync<JsonElement>("/api/config")).GetProperty("listedClubCount").GetInt32(), (await app.GetJsonAsync<ClubList>("/api/clubs")).Total),
            pair => pair.Item1 == pair.Item2);
        Assert.Equal(total, listed);
        Assert.True(config.GetProperty("unlocatedClubCount").GetInt32() >= 3);
    }

    [Fact]
    public async Task HealthEndpointsAnswer()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task SwaggerDescribesEveryPublicRoute()
    {
        var doc = await app.GetJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/clubs", "/api/clubs.geojson", "/api/clubs/nearest", "/api/clubs/{slug}", "/api/districts", "/api/districts/locate", "/api/config" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.False(string.IsNullOrEmpty(item.GetProperty("get").GetProperty("summary").GetString()));
        }
    }
}
