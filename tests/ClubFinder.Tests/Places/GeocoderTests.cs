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
            fake!.Requests.Enqueue((context.Request.Headers.UserAgent.ToString(), context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())));
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
    [Fact]
    public async Task TheGeocoderIsAskedOnlyWithoutAGoodLocalMatchAndItsAnswerIsCached()
    {
        await using var fake = await FakeNominatim.StartAsync();
        await using var withGeocoder = app.WithWebHostBuilder(b => b
            .UseSetting("Places:Nominatim:BaseUrl", fake.Url)
            .UseSetting("Places:Nominatim:MinInterval", "00:00:00.01"));
        var client = withGeocoder.CreateClient();

        var local = await client.GetAsync("/api/places?q=ruczaj");
        Assert.Equal("not-needed", local.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
        Assert.Empty(fake.Requests);

        var first = await client.GetAsync("/api/places?q=zzsyntetyczna%205");
        Assert.Equal("used", first.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
        var suggestions = await first.Content.ReadFromJsonAsync<List<PlaceSuggestion>>(ClubFinderApp.Json);
        Assert.Equal("ul. Zzsyntetyczna 5", suggestions![0].Label);
        Assert.DoesNotContain(suggestions, s => s.Label == "Far away"); // outside the service area
        var request = Assert.Single(fake.Requests);
        Assert.Contains("ClubFinder", request.UserAgent);
        Assert.Equal("pl", request.Query["countrycodes"]);
        Assert.Equal("1", request.Query["bounded"]);
        Assert.False(string.IsNullOrEmpty(request.Query["viewbox"]));

        var second = await client.GetAsync("/api/places?q=zzsyntetyczna%205");
        Assert.Equal("not-needed", second.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
        Assert.Single(fake.Requests);

        await using var db = await app.OpenConnectionAsync();
        await Dapper.SqlMapper.ExecuteAsync(db, "DELETE FROM places WHERE source = 'nominatim'");
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
        await using var withGeocoder = app.WithWebHostBuilder(b => b
            .UseSetting("Places:Nominatim:BaseUrl", fake.Url)
            .UseSetting("Places:Nominatim:MinInterval", "00:00:00.01")
            .UseSetting("Places:Nominatim:Budget", "00:00:01.5"));
        var response = await withGeocoder.CreateClient().GetAsync("/api/places?q=krygowskiego%20999");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unavailable", response.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var suggestions = await response.Content.ReadFromJsonAsync<List<PlaceSuggestion>>(ClubFinderApp.Json);
        Assert.Equal("ul. Władysława Krygowskiego", suggestions![0].Label); // the gazetteer's own answer
    }

    [Fact]
    public async Task WithoutConfigurationTheGeocoderIsOff()
    {
        var response = await app.CreateClient().GetAsync("/api/places?q=zzsyntetyczna%205");
        Assert.Equal("off", response.Headers.GetValues(PlaceEndpoints.GeocoderHeader).Single());
    }
}
