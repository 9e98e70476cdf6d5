using System.Net.Http.Json;
using System.Text;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Places;
using ClubFinder.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClubFinder.Tests.Places;

/// <summary>Public-transport stops from the GTFS feed, and explicit searches that never answer with a different place.</summary>
[Collection(AppCollection.Name)]
public class StopsAndLookupTests(ClubFinderApp app)
{
    static string SeedFolder => Path.Combine(AppContext.BaseDirectory, "data", "gtfs-ztp-krakow");

    [Fact]
    public void GtfsStopsAreReadWithBomCrlfAndQuotedFieldsAndPlatformsOfOneNameBecomeOneStop()
    {
        var file = Path.GetTempFileName();
        try
        {
            // Synthetic feed rows: names and points made up for this test; the format is ZTP's (BOM, CRLF, quotes),
            // with stop_name first so a BOM left on the header would hide the column.
            File.WriteAllText(file,
                "stop_name,stop_id,stop_code,stop_desc,stop_lat,stop_lon,zone_id,stop_url,location_type,parent_station\r\n" +
                "\"Zz Test, \"\"Pętla\"\"\",1,100-01,\"01\",50.0600,19.9400,1,,0,\r\n" +
                "\"Zz Test, \"\"Pętla\"\"\",2,100-02,\"02\",50.0610,19.9420,1,,0,\r\n" +
                "\"Zz Test, \"\"Pętla\"\"\",3,100-03,\"03\",49.5000,19.0000,1,,0,\r\n" +
                "\"Zz Wejście\",4,101-01,\"\",50.0700,19.9500,1,,2,\r\n" +
                "\"Zz Daleko\",5,102-01,\"01\",49.5000,19.0000,1,,0,\r\n" +
                "\"Zz Bez punktu\",6,103-01,\"01\",,,1,,0,\r\n",
                new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            Assert.True(GtfsStops.IsStopsFile(file));
            var skipped = new Dictionary<string, int>();
            var platforms = GtfsStops.Read(file, skipped).ToList();
            Assert.Equal(4, platforms.Count);
            Assert.Equal("Zz Test, \"Pętla\"", platforms[0].Name);
            Assert.Equal(1, skipped["not a stop or platform"]);
            Assert.Equal(1, skipped["no valid stop_lat/stop_lon"]);

            var stops = GtfsStops.Group(platforms, (lat, _) => lat > 49.9, skipped);
            var stop = Assert.Single(stops);
            Assert.Equal("Zz Test, \"Pętla\"", stop.Label);
            Assert.Equal(PlaceKind.Stop, stop.Kind);
            // The mean of the two platforms inside the city; the third (outside) is dropped.
            Assert.Equal(50.0605, stop.Lat!.Value, 6);
            Assert.Equal(19.941, stop.Lon!.Value, 6);
            Assert.Equal(1, skipped["outside Kraków"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task SeededStopsAreFoundAsPlacesWithTheirSource()
    {
        var places = await app.GetJsonAsync<List<PlaceSuggestion>>("/api/places?q=kabel");
        var kabel = places.Single(p => p.Label == "Kabel" && p.Kind == "przystanek");
        Assert.Equal("gtfs", kabel.Source);
        // The feed's own platforms of that name, averaged.
        var feed = Directory.GetFiles(SeedFolder, "*stops.txt").SelectMany(f => GtfsStops.Read(f)).Where(p => p.Name == "Kabel").ToList();
        Assert.NotEmpty(feed);
        Assert.Equal(feed.Average(p => p.Lat), kabel.Lat, 4);
        Assert.Equal(feed.Average(p => p.Lon), kabel.Lon, 4);
    }

    [Fact]
    public async Task ImportingANewerFeedReplacesTheStops()
    {
        var seeded = Directory.GetFiles(SeedFolder, "*stops.txt").Order(StringComparer.Ordinal).ToList();
        var kabel = seeded.SelectMany(f => GtfsStops.Read(f)).First(p => p.Name == "Kabel");
        var file = Path.Combine(Path.GetTempPath(), $"stops-{Guid.NewGuid():N}.txt");
        // A synthetic one-stop feed at a real platform's point (Kabel's), under a clearly made-up name.
        await File.WriteAllTextAsync(file, "stop_id,stop_name,stop_lat,stop_lon\n" +
            $"1,Zzprzystanek Testowy,{kabel.Lat.ToString(System.Globalization.CultureInfo.InvariantCulture)},{kabel.Lon.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n");
        try
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var report = await scope.ServiceProvider.GetRequiredService<PlaceFileImporter>().ImportAsync([file]);
                Assert.Equal(1, report.Imported);
            }
            var found = await app.GetJsonAsync<List<PlaceSuggestion>>("/api/places?q=zzprzystanek%20testowy");
            Assert.Equal("przystanek", found.Single(p => p.Label == "Zzprzystanek Testowy").Kind);
            var old = await app.GetJsonAsync<List<PlaceSuggestion>>("/api/places?q=kabel");
            Assert.DoesNotContain(old, p => p.Label == "Kabel" && p.Kind == "przystanek");
            Assert.Contains(old, p => p.Label == "Kabel" && p.Kind == "neighbourhood"); // other places stay
        }
        finally
        {
            File.Delete(file);
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PlaceFileImporter>().ImportStopsAsync(seeded);
        }
    }

    [Fact]
    public async Task AnUnknownHouseNumberIsSaidSoAndNoOtherPlaceIsGivenAsTheAnswer()
    {
        var answer = await app.GetJsonAsync<PlaceAnswer>("/api/places/lookup?q=Wielicka%2028");
        Assert.Equal("number-unknown", answer.Status);
        Assert.Equal("ul. Wielicka", answer.Street);
        Assert.Equal("28", answer.HouseNumber);
        Assert.Null(answer.Match);
        // What is offered instead says why: a stop named after the street, and other places as "similar".
        Assert.Contains(answer.Options, o => o.Reason == PlaceOptionReason.StreetStop && o.Place.Label == "Wielicka Granica Miasta");
        Assert.Contains(answer.Options, o => o.Reason == PlaceOptionReason.Similar && o.Place.Label == "Piaski Wielkie");
        Assert.DoesNotContain(answer.Options, o => o.Place.Label == "Piaski Wielkie" && o.Reason != PlaceOptionReason.Similar);
    }

    [Theory]
    [InlineData("Kalwaryjska", "ul. Kalwaryjska")]
    [InlineData("Rynek Główny", "Rynek Główny")]
    [InlineData("rynek glowny", "Rynek Główny")]
    public async Task ARegisterStreetWithoutAPointIsRecognisedAndSaidToHaveNone(string q, string street)
    {
        var answer = await app.GetJsonAsync<PlaceAnswer>($"/api/places/lookup?q={Uri.EscapeDataString(q)}");
        Assert.Equal("street-no-point", answer.Status);
        Assert.Equal(street, answer.Street);
        Assert.Null(answer.Match);
        Assert.All(answer.Options, o => Assert.NotEqual(PlaceOptionReason.StreetStop, o.Reason)); // no stop in the feed carries these names
    }

    [Fact]
    public async Task AStopNameTypedAndSearchedIsFoundAsThatStop()
    {
        var answer = await app.GetJsonAsync<PlaceAnswer>("/api/places/lookup?q=rondo%20grunwaldzkie");
        Assert.Equal("found", answer.Status);
        Assert.Equal("Rondo Grunwaldzkie", answer.Match!.Label);
        Assert.Equal("przystanek", answer.Match.Kind);
    }

    [Fact]
    public async Task NearestAppliesTheSameFiltersAsTheList()
    {
        const string point = "lat=50.0614&lon=19.9366";
        foreach (var filter in new[] { "operatorType=ngo", "operatorType=culture", "day=3", "openNow=true", "q=klub", "specialNeeds=true" })
        {
            // The oracle: the list's answer for the same filters, ranked by distance here (the suite's
            // database may hold more than 50 clubs, so the unfiltered top 50 is not enough).
            var allowed = (await app.GetJsonAsync<ClubList>($"/api/clubs?{filter}&limit=1000")).Items
                .Select(c => (c.Slug, c.Name, Distance: Api.Infrastructure.Geo.DistanceMeters(50.0614, 19.9366, c.Location.Lat, c.Location.Lon)))
                .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Slug, StringComparer.Ordinal)
                .Take(50).ToList();
            var filtered = await app.GetJsonAsync<NearestResult>($"/api/clubs/nearest?{point}&limit=50&{filter}");
            Assert.Equal(allowed.Select(c => c.Slug), filtered.Items.Select(c => c.Slug));
        }
        var ngo = await app.GetJsonAsync<NearestResult>($"/api/clubs/nearest?{point}&operatorType=ngo");
        Assert.NotEmpty(ngo.Items);
        Assert.All(ngo.Items, c => Assert.Equal("ngo", c.Operator.Type));
        var bad = await app.CreateClient().GetAsync($"/api/clubs/nearest?{point}&operatorType=pirates");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task NearestFromAnEmptyDistrictListsTheClubsBeyondItsBorder()
    {
        Assert.Equal(0, (await app.GetJsonAsync<ClubList>("/api/clubs?district=8")).Total); // Dębniki has no club in the data
        var nearest = await app.GetJsonAsync<NearestResult>("/api/clubs/nearest?district=VIII&limit=3");
        Assert.Equal(8, nearest.Origin.District!.Number);
        Assert.Equal(3, nearest.Items.Count);
        Assert.True(nearest.Items.Zip(nearest.Items.Skip(1)).All(p => p.First.DistanceMeters <= p.Second.DistanceMeters));
        var missing = await app.CreateClient().GetAsync("/api/clubs/nearest?district=19");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
