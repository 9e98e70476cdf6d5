using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using ClubFinder.Api.Places;
using ClubFinder.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace ClubFinder.Tests.Places;

/// <summary>A local stand-in for a Nominatim server; it answers in Nominatim's JSON, or fails on purpose.</summary>
public sealed class FakeNominatim : IAsyncDisposable
{
    readonly WebApplication server;
    public ConcurrentQueue<(string UserAgent, Dictionary<string, string> Query)> Requests { get; } = new();
    public ConcurrentQueue<DateTimeOffset> Times { get; } = new();
    public string Mode { get; set; } = "ok";
    public string Url { get; }

    FakeNominatim(WebApplication server, string url) => (this.server, Url) = (server, url);

    public static async Task<FakeNominatim> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeNominatim? fake = null;
        app.MapGet("/search", async (HttpContext context) =>
        {
            fake!.Times.Enqueue(DateTimeOffset.UtcNow);
            fake.Requests.Enqueue((context.Request.Headers.UserAgent.ToString(), context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())));
            switch (fake.Mode)
            {
                case "error":
                    context.Response.StatusCode = 503;
                    return;
                case "slow":
                    await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted).ContinueWith(_ => { });
                    return;
                case "garbage":
                    await context.Response.WriteAsync("<html>not json");
                    return;
                case "wrong-shape":
                    await context.Response.WriteAsJsonAsync(new { lat = 1 });
                    return;
                default:
                    // Synthetic test data only: an address that exists nowhere but in this test.
                    await context.Response.WriteAsync("""
                        [{"lat":"50.0501","lon":"19.9502","name":"","display_name":"5, ul. Zzsyntetyczna, Kraków",
                          "address":{"road":"ul. Zzsyntetyczna","house_number":"5","postcode":"30-999"}},
                         {"lat":"52.2297","lon":"21.0122","name":"Far away","display_name":"Warszawa","address":{}}]
                        """);
                    return;
            }
        });
        await app.StartAsync();
        fake = new FakeNominatim(app, app.Urls.First());
        return fake;
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();
}

[Collection(AppCollection.Name)]
public class GeocoderTests(ClubFinderApp app)
{
    WebApplicationFactory<Program> WithGeocoder(string url, string minInterval = "00:00:00.01", string budget = "00:00:02") =>
        app.WithWebHostBuilder(b => b
            .UseSetting("Places:Nominatim:Enabled", "true")
            .UseSetting("Places:Nominatim:BaseUrl", url)
            .UseSetting("Places:Nominatim:MinInterval", minInterval)
            .UseSetting("Places:Nominatim:Budget", budget));

    static string Unique(string name) => $"{name}{Guid.NewGuid():N}"[..20];

    [Fact]
    public void TheGeocoderIsOnByDefaultAgainstOpenStreetMapsNominatim()
    {
        var defaults = new NominatimOptions();
        Assert.True(defaults.Enabled);
        Assert.Equal("https://nominatim.openstreetmap.org/", defaults.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(1), defaults.MinInterval);
    }

    [Fact]
    public async Task SuggestionsAsOneTypesNeverAskTheGeocoder()
    {
        await using var fake = await FakeNominatim.StartAsync();
        await using var withGeocoder = WithGeocoder(fake.Url);
        var client = withGeocoder.CreateClient();
        foreach (var q in new[] { "zzsyntetyczna 5", "wielicka 28", "kalwaryjska" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/places?q={Uri.EscapeDataString(q)}")).StatusCode);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task AnExplicitSearchAsksTheGeocoderOnlyWithoutALocalAnswerAndCachesIt()
    {
        await using var fake = await FakeNominatim.StartAsync();
        await using var withGeocoder = WithGeocoder(fake.Url);
        var client = withGeocoder.CreateClient();

        var local = await client.GetFromJsonAsync<PlaceAnswer>("/api/places/lookup?q=ruczaj", ClubFinderApp.Json);
        Assert.Equal("found", local!.Status);
        Assert.Empty(fake.Requests);

        var first = await client.GetAsync("/api/places/lookup?q=zzsyntetyczna%205");
        Assert.Equal("used", first.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
        var answer = await first.Content.ReadFromJsonAsync<PlaceAnswer>(ClubFinderApp.Json);
        Assert.Equal("found", answer!.Status);
        Assert.Equal("ul. Zzsyntetyczna 5", answer.Match!.Label);
        Assert.Equal("nominatim", answer.Match.Source); // the page says the point came from the online search
        Assert.DoesNotContain(answer.Options, o => o.Place.Label == "Far away"); // outside the service area
        var request = Assert.Single(fake.Requests);
        Assert.Contains("ClubFinder", request.UserAgent);
        Assert.Equal("pl", request.Query["countrycodes"]);
        Assert.Equal("1", request.Query["bounded"]);
        Assert.False(string.IsNullOrEmpty(request.Query["viewbox"]));

        // Asked again: answered from what was cached, the geocoder is not asked twice.
        var again = await client.GetFromJsonAsync<PlaceAnswer>("/api/places/lookup?q=zzsyntetyczna%205", ClubFinderApp.Json);
        Assert.Equal("ul. Zzsyntetyczna 5", again!.Match!.Label);
        Assert.Single(fake.Requests);

        // "Nothing useful" is cached too.
        var nothing = Unique("zznikt");
        var one = await client.GetAsync($"/api/places/lookup?q={nothing}%2011");
        var two = await client.GetAsync($"/api/places/lookup?q={nothing}%2011");
        Assert.Equal("used", one.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
        Assert.Equal("cached", two.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
        Assert.Equal(2, fake.Requests.Count);

        await using var db = await app.OpenConnectionAsync();
        await Dapper.SqlMapper.ExecuteAsync(db, "DELETE FROM places WHERE source = 'nominatim'");
    }

    [Fact]
    public async Task TheGeocoderIsAskedAtMostOnceASecondForTheWholeService()
    {
        await using var fake = await FakeNominatim.StartAsync();
        await using var withGeocoder = WithGeocoder(fake.Url, minInterval: "00:00:01", budget: "00:00:05");
        var client = withGeocoder.CreateClient();
        // Three different texts at once (nothing cached), from three clients.
        var texts = Enumerable.Range(0, 3).Select(_ => Unique("zzrate")).ToList();
        var answers = await Task.WhenAll(texts.Select(t => withGeocoder.CreateClient().GetAsync($"/api/places/lookup?q={t}%203")));
        Assert.All(answers, a => Assert.Equal("used", a.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single()));
        var times = fake.Times.Order().ToList();
        Assert.Equal(3, times.Count);
        // Sent a second apart; measured where they arrive, so a busy machine may bring two closer
        // (one sent late, the next on time). Without the limit they arrive within milliseconds of each other.
        foreach (var (earlier, later) in times.Zip(times.Skip(1)))
            Assert.True(later - earlier >= TimeSpan.FromMilliseconds(500), $"requests {(later - earlier).TotalMilliseconds:F0} ms apart");
        await using var db = await app.OpenConnectionAsync();
        await Dapper.SqlMapper.ExecuteAsync(db, "DELETE FROM places WHERE source = 'nominatim'");
    }

    [Fact]
    public async Task OfflineTheGeocoderFailsFastAndTheAnswerSaysWhatIsKnown()
    {
        // A port nobody listens on: what a machine without a network sees.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        // A long budget: the answer comes when the refused connection is seen, not when the budget ends.
        await using var offline = WithGeocoder($"http://127.0.0.1:{port}/", budget: "00:00:30");
        var client = offline.CreateClient();
        await client.GetAsync("/api/places/lookup?q=Wielicka%2028&online=false"); // the app's own start-up is not the geocoder's time
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.GetAsync("/api/places/lookup?q=Wielicka%2028");
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var answer = await response.Content.ReadFromJsonAsync<PlaceAnswer>(ClubFinderApp.Json);
        Assert.Equal("unavailable", answer!.Geocoder);
        Assert.Equal("number-unknown", answer.Status);
        Assert.Equal("ul. Wielicka", answer.Street);

        // Asked again while the service is away: no long wait either.
        watch.Restart();
        var again = await client.GetAsync("/api/places/lookup?q=Kalwaryjska");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal("unavailable", again.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
    }

    [Theory]
    [InlineData("error")]
    [InlineData("slow")]
    [InlineData("garbage")]
    [InlineData("wrong-shape")]
    public async Task AFailingGeocoderNeverFailsTheRequest(string mode)
    {
        await using var fake = await FakeNominatim.StartAsync();
        fake.Mode = mode;
        await using var withGeocoder = WithGeocoder(fake.Url, budget: "00:00:01.5");
        var response = await withGeocoder.CreateClient().GetAsync($"/api/places/lookup?q=krygowskiego%20{Random.Shared.Next(1000, 9999)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unavailable", response.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var answer = await response.Content.ReadFromJsonAsync<PlaceAnswer>(ClubFinderApp.Json);
        Assert.Equal("ul. Władysława Krygowskiego", answer!.Street); // the gazetteer's own answer
    }

    [Fact]
    public async Task SwitchedOffByConfigurationTheGeocoderIsNeverAsked()
    {
        // A text no other test writes into the gazetteer, so "not found" can only mean nobody was asked.
        var response = await app.CreateClient().GetAsync($"/api/places/lookup?q={Unique("zzwylaczony")}%205");
        Assert.Equal("off", response.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
        var answer = await response.Content.ReadFromJsonAsync<PlaceAnswer>(ClubFinderApp.Json);
        Assert.Equal("not-found", answer!.Status);
    }
}
