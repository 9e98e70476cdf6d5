using System.Diagnostics.Metrics;
using System.Net;
using ClubFinder.Api.Clubs;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClubFinder.Api.Infrastructure;

/// <summary>The Prometheus scraping endpoint: off unless enabled, and never on the public surface.</summary>
public class PrometheusOptions
{
    public bool Enabled { get; set; }

    public string Path { get; set; } = "/metrics";

    /// <summary>When set, the endpoint answers only on this local port (listen on it, e.g. http://127.0.0.1:9464, beside the public one).</summary>
    public int? Port { get; set; }

    /// <summary>Client networks besides loopback that may scrape, in CIDR notation (10.0.0.0/8).</summary>
    public string[] AllowedNetworks { get; set; } = [];
}

public class MetricsOptions
{
    public const string Section = "Metrics";

    public PrometheusOptions Prometheus { get; set; } = new();
}

public class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>False switches OpenTelemetry off entirely (no instrumentation, no exporters); for measuring its cost.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An OTLP collector (http://collector:4317); traces and metrics are exported there when set.</summary>
    public string? OtlpEndpoint { get; set; }
}

/// <summary>The service's own instruments, in the meter "ClubFinder" (README: Metrics).</summary>
public sealed class ClubFinderMetrics
{
    public const string MeterName = "ClubFinder";

    readonly Counter<long> reloads, geocoderCalls, geocoderFailures, rateLimitRejections, suggestionsReceived;
    readonly Histogram<double> reloadDuration;

    public ClubFinderMetrics(IMeterFactory meters, IServiceProvider services, TimeProvider clock)
    {
        var meter = meters.Create(MeterName);
        reloads = meter.CreateCounter<long>("clubfinder.directory.reloads", "{reload}", "Reloads of the in-memory club directory from the database, by outcome.");
        reloadDuration = meter.CreateHistogram<double>("clubfinder.directory.reload.duration", "s", "How long a reload of the club directory took.");
        meter.CreateObservableGauge("clubfinder.directory.snapshot.age", () =>
        {
            var confirmedAt = services.GetRequiredService<ClubDirectory>().ConfirmedAt;
            return confirmedAt == DateTimeOffset.MinValue ? 0 : (clock.GetUtcNow() - confirmedAt).TotalSeconds;
        }, "s", "Seconds since the public answers' snapshot was last loaded, updated or found unchanged.");
        geocoderCalls = meter.CreateCounter<long>("clubfinder.geocoder.calls", "{call}", "Calls to the external geocoder (Nominatim).");
        geocoderFailures = meter.CreateCounter<long>("clubfinder.geocoder.failures", "{call}", "Geocoder calls that failed, timed out or were cut off by the circuit breaker, by reason.");
        rateLimitRejections = meter.CreateCounter<long>("clubfinder.ratelimit.rejections", "{request}", "Requests refused with 429, by route group (public, expensive, sign-in).");
        suggestionsReceived = meter.CreateCounter<long>("clubfinder.suggestions.received", "{suggestion}", "Public corrections and missing-club reports received, by kind.");
    }

    /// <param name="outcome">success, unchanged (a safety-net reload that kept the snapshot) or failure</param>
    public void DirectoryReloaded(TimeSpan duration, string outcome)
    {
        reloads.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        reloadDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void GeocoderCalled() => geocoderCalls.Add(1);

    public void GeocoderFailed(string reason) => geocoderFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void RateLimitRejected(string group) => rateLimitRejections.Add(1, new KeyValuePair<string, object?>("group", group));

    public void SuggestionReceived(string kind) => suggestionsReceived.Add(1, new KeyValuePair<string, object?>("kind", kind));
}

/// <summary>
/// OpenTelemetry the ASP.NET Core way: traces and metrics from ASP.NET Core, HttpClient and Npgsql plus
/// the service's own meter; a Prometheus scraping endpoint when enabled (loopback and allowed networks
/// only, optionally on its own port); an OTLP exporter when a collector is configured.
/// </summary>
public static class Telemetry
{
    public static IServiceCollection AddClubFinderTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        services.AddSingleton<ClubFinderMetrics>();
        var prometheus = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>()?.Prometheus ?? new();
        var telemetryOptions = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        if (!telemetryOptions.Enabled) return services;
        var otlp = telemetryOptions.OtlpEndpoint;

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("clubfinder"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ClubFinderMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsqlInstrumentation();
                if (prometheus.Enabled) metrics.AddPrometheusExporter();
            })
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql());
        if (!string.IsNullOrWhiteSpace(otlp))
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(otlp));
        return services;
    }

    /// <summary>
    /// Serves the scraping endpoint when enabled, to loopback and the allowed networks only (on the configured
    /// port, when one is set); for everyone else the path does not exist. Behind a proxy on this host the client's
    /// address is the forwarded one, so a scrape through the public proxy is refused too.
    /// </summary>
    public static IApplicationBuilder UseClubFinderMetrics(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value.Prometheus;
        if (!options.Enabled || !app.ApplicationServices.GetRequiredService<IOptions<TelemetryOptions>>().Value.Enabled) return app;
        var networks = options.AllowedNetworks.Select(IPNetwork.Parse).ToList();
        var path = new PathString(options.Path);
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: context =>
        {
            if (!context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)) return false;
            var connection = context.Connection;
            var address = connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : connection.RemoteIpAddress;
            return address is not null && (IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address)))
                && (options.Port is null || connection.LocalPort == options.Port);
        }, path: null, configureBranchedPipeline: null, optionsName: null);
    }
}
