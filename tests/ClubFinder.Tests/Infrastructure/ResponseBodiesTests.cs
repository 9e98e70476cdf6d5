using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

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

        // ...and do not stop a URL asked twice after them from being kept.
        const string popular = "localhost/api/clubs?district=5";
        bodies.Add(popular, Body("{}"));
        bodies.Add(popular, Body("{}"));
        Assert.True(bodies.TryGet(popular, out _));
    }
}

/// <summary>Requests for one URL while its answer is being built wait for that build instead of building it again.</summary>
public class SharedBuildTests
{
    /// <summary>A bare app with the kept-answers filter's services; each test maps its own endpoint on it.</summary>
    static WebApplication AppWithClock(TimeProvider clock)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(clock);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ClubFinderMetrics>();
        builder.Services.AddSingleton<ClubFinder.Api.Clubs.ClubDirectory>();
        return builder.Build();
    }

    [Fact]
    public async Task ConcurrentRequestsForOneUrlShareOneBuild()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.Zero));
        await using var app = AppWithClock(clock);
        var builds = 0;
        var gate = new TaskCompletionSource();
        var path = $"/test-shared-build-{Guid.NewGuid():N}";
        app.MapGet(path, async () =>
        {
            Interlocked.Increment(ref builds);
            await gate.Task;
            return TypedResults.Ok(new { answer = 42 });
        }).WithConditionalGet();
        await app.StartAsync();
        var client = app.GetTestClient();

        var requests = Enumerable.Range(0, 10).Select(_ => client.GetStringAsync(path)).ToList();
        var bodies = ResponseBodies.For(ClubFinder.Api.Clubs.DirectorySnapshot.Empty, clock.GetUtcNow().ToUnixTimeSeconds() / 60);
        await Eventually.TrueAsync(() => Task.FromResult(bodies.Joined == 9), "nine requests waiting for the first one's build");
        gate.SetResult();

        var answers = await Task.WhenAll(requests);
        Assert.Equal(1, builds);
        Assert.All(answers, a => Assert.Equal("""{"answer":42}""", a));
    }

    [Fact]
    public async Task ABuildThatGivesNoBodyHandsOverToOneOfTheWaiters()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2001, 2, 3, 5, 6, 7, TimeSpan.Zero));
        await using var app = AppWithClock(clock);
        var builds = 0;
        TaskCompletionSource[] gates = [new(), new()];
        var path = $"/test-shared-build-{Guid.NewGuid():N}";
        app.MapGet(path, async () =>
        {
            var n = Interlocked.Increment(ref builds);
            await gates[Math.Min(n, 2) - 1].Task;
            return n == 1 ? (IResult)TypedResults.Problem("TEST the first build fails") : TypedResults.Ok(new { answer = 42 });
        }).WithConditionalGet();
        await app.StartAsync();
        var client = app.GetTestClient();

        var requests = Enumerable.Range(0, 10).Select(_ => client.GetAsync(path)).ToList();
        var bodies = ResponseBodies.For(ClubFinder.Api.Clubs.DirectorySnapshot.Empty, clock.GetUtcNow().ToUnixTimeSeconds() / 60);
        await Eventually.TrueAsync(() => Task.FromResult(bodies.Joined == 9), "nine requests waiting for the first build");
        gates[0].SetResult();
        // One of the nine builds next, and the other eight wait for it.
        await Eventually.TrueAsync(() => Task.FromResult(bodies.Joined == 17), "eight requests waiting for the second build");
        gates[1].SetResult();

        var answers = await Task.WhenAll(requests);
        Assert.Equal(2, builds);
        Assert.Single(answers, a => a.StatusCode == System.Net.HttpStatusCode.InternalServerError);
        Assert.Equal(9, answers.Count(a => a.StatusCode == System.Net.HttpStatusCode.OK));
    }
}
