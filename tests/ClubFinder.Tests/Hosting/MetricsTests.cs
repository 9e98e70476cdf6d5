using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using System.Text.RegularExpressions;
using ClubFinder.Tests.Infrastructure;

namespace ClubFinder.Tests.Hosting;

/// <summary>
/// Metrics an operator can scrape and logs a collector can parse, as the service runs in production;
/// and a scraping endpoint that stays off the public surface.
/// </summary>
[Collection(AppCollection.Name)]
public partial class MetricsTests(ClubFinderApp app)
{
    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();

    [Fact]
    public async Task InProductionPrometheusIsScrapedFromLoopbackOnlyAndLogsAreJson()
    {
        await using var database = await TestDatabase.CreateAsync("metrics");
        using var process = AppProcess.Start("--urls http://127.0.0.1:0", new Dictionary<string, string?>
        {
            ["ConnectionStrings__ClubFinder"] = database.ConnectionString,
            ["App__PublicBaseUrl"] = "http://localhost:8080",
            ["Auth__RequireHttps"] = "false",
            ["Metrics__Prometheus__Enabled"] = "true",
        });
        var started = await process.WaitForOutputAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
        Assert.True(started, "The app did not start:\n" + string.Join('\n', process.Output.Concat(process.Errors)));
        var baseUrl = ListeningUrl().Match(process.Output.First(line => line.Contains("Now listening on", StringComparison.Ordinal))).Value;

        // Structured logs: every line of the log is one JSON object with level, category and message.
        var logLines = process.Output.Where(line => line.Length > 0).ToList();
        Assert.All(logLines, line =>
        {
            var entry = JsonSerializer.Deserialize<JsonElement>(line);
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("LogLevel").GetString()), line);
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("Category").GetString()), line);
            Assert.True(entry.TryGetProperty("Message", out _), line);
        });

        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/clubs")).StatusCode);
        var scrape = await client.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        foreach (var metric in new[] { "clubfinder_directory_reloads", "clubfinder_directory_reload_duration_seconds", "clubfinder_directory_snapshot_age_seconds", "http_server_request_duration_seconds" })
            Assert.True(text.Contains(metric, StringComparison.Ordinal), $"{metric} missing from:\n{text[..Math.Min(text.Length, 3000)]}");

        // A scrape through a proxy on this host comes from the client's address: refused as if absent.
        using var proxied = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var refused = await client.SendAsync(proxied);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain("clubfinder_", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RateLimitRejectionsAreCountedByRouteGroup()
    {
        var rejected = new ConcurrentBag<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: "ClubFinder", Name: "clubfinder.ratelimit.rejections" }) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags) if (tag.Key == "group") rejected.Add(tag.Value as string);
        });
        listener.Start();
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Limits:ExpensiveRequestsPerMinute", "1"));
        var client = limited.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/export/clubs.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/export/clubs.csv")).StatusCode);

        Assert.Contains("expensive", rejected);
    }

    [Fact]
    public async Task ByDefaultThereIsNoMetricsEndpointAndTheApiDocumentListsNone()
    {
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("Origin", "https://kkr.krakow.pl");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.DoesNotContain("/metrics", await client.GetStringAsync("/swagger/v1/swagger.json"));
    }
}
