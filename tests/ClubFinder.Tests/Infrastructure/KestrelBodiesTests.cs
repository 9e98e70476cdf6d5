using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>
/// Answers written in pieces (a map view is its clubs' ready features, one after another) reach a client over a
/// real socket whole and complete. The in-memory test server ends a response however it was written; Kestrel
/// sends only what was flushed, so a body whose last piece stayed in the buffer kept the client waiting.
/// </summary>
[Collection(BrowserCollection.Name)]
public class KestrelBodiesTests(BrowserApp app)
{
    [Theory]
    [InlineData("/api/clubs.geojson", null)]
    [InlineData("/api/clubs.geojson?bbox=19.7,49.9,20.4,50.2", null)]
    [InlineData("/api/clubs.geojson?operatorType=ngo", "gzip")]
    [InlineData("/api/clubs.geojson?operatorType=culture", "br")]
    public async Task AMapViewArrivesWholeOverASocket(string url, string? encoding)
    {
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.All })
        {
            BaseAddress = new Uri(app.BaseUrl),
            // Far longer than any answer needs; a body that never ends fails here instead of hanging the run.
            Timeout = TimeSpan.FromSeconds(60),
        };
        var list = JsonDocument.Parse(await client.GetStringAsync(url.Replace("clubs.geojson", "clubs")));
        var expected = list.RootElement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("slug").GetString()).ToList();
        Assert.NotEmpty(expected);
        // Asked twice: the second answer is the kept one.
        for (var ask = 0; ask < 2; ask++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (encoding is not null) request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var geojson = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            var ids = geojson.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
            // A view (the box alone) comes cell by cell of the grid, not in the list's name order.
            if (url.Contains("bbox=")) Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            else Assert.Equal(expected, ids);
        }
    }
}

/// <summary>A body of many pieces, larger than one slice and not a multiple of it, from a bare Kestrel app.</summary>
public class BytesResultOverKestrelTests
{
    [Theory]
    [InlineData(3, 10)]
    [InlineData(2_000, 97)]    // 194 000 bytes: two full slices and a remainder
    [InlineData(1, 200_000)]
    public async Task EveryPieceArrivesInOrder(int pieces, int pieceLength)
    {
        var parts = Enumerable.Range(0, pieces).Select(i => Enumerable.Repeat((byte)('a' + i % 26), pieceLength).ToArray()).ToArray();
        var expected = parts.SelectMany(p => p).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/pieces", () => new ClubFinder.Api.Infrastructure.BytesResult([.. parts.Select(p => new ReadOnlyMemory<byte>(p))], "application/octet-stream"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        for (var ask = 0; ask < 3; ask++)
            Assert.Equal(expected, await client.GetByteArrayAsync("/pieces"));
        await app.StopAsync();
    }
}
