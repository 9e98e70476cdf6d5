using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>Kept answers: popular URLs are served from memory, one-off URLs (random points, map views) are not kept.</summary>
public class ResponseBodiesTests
{
    static KeptBody Body(string json) => new(new BytesResult(System.Text.Encoding.UTF8.GetBytes(json), "application/json"), []);

    [Fact]
    public void ABodyIsKeptWhenItsUrlIsAskedForASecondTime()
    {
        var bodies = new ResponseBodies(minute: 1);
        const string url = "localhost/api/clubs/nearest?lat=50.06&lon=19.94";

        bodies.Add(url, Body("""{"first":true}"""));
        Assert.False(bodies.TryGet(url, out _));

        var second = Body("""{"second":true}""");
        bodies.Add(url, second);
        Assert.True(bodies.TryGet(url, out var kept));
        Assert.Same(second, kept);
        Assert.False(bodies.TryGet("localhost/api/clubs/nearest?lat=50.07&lon=19.94", out _));
    }

    [Fact]
    public void ManyOneOffUrlsKeepNothing()
    {
        var bodies = new ResponseBodies(minute: 1);
        for (var i = 0; i < 20_000; i++) bodies.Add($"localhost/api/clubs.geojson?bbox={i}", Body("{}"));
        Assert.False(bodies.TryGet("localhost/api/clubs.geojson?bbox=0", out _));
        Assert.False(bodies.TryGet("localhost/api/clubs.geojson?bbox=19999", out _));
    }
}
