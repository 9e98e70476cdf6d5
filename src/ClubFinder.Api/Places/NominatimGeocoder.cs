using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Npgsql;
using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Api.Places;

public class NominatimOptions
{
    public const string Section = "Places:Nominatim";

    /// <summary>Asked only for an explicit search (Enter or the search button), never as a person types.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>OpenStreetMap's public Nominatim, or a Nominatim-compatible service (e.g. a city-run instance); empty means off.</summary>
    public string? BaseUrl { get; set; } = "https://nominatim.openstreetmap.org/";
    /// <summary>How long an answer (also "nothing found") is reused for the same text before asking again.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromDays(7);
    public string UserAgent { get; set; } = "ClubFinder/1.0 (Krakow parents' clubs map)";
    /// <summary>How long a search may wait for the geocoder (its turn included) before answering from the gazetteer alone.</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Nominatim's usage policy: at most one request a second, for the whole service (per instance; run one instance or a city-run Nominatim).</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public enum GeocoderStatus { Off, NotNeeded, Used, Cached, Unavailable }

/// <summary>
/// The online geocoder, asked only for an explicit search the gazetteer cannot answer: bounded to
/// Kraków's viewbox, one request a second for the whole service, a short budget, a retry and a
/// circuit breaker (offline it fails within the budget, then at once while the breaker is open).
/// Answers are cached in memory by text (also "nothing found") and their points into `places`.
/// </summary>
public sealed class NominatimGeocoder(HttpClient http, IOptions<NominatimOptions> options, NpgsqlDataSource dataSource, PlaceIndex index,
    ILogger<NominatimGeocoder> logger, TimeProvider clock, ClubFinderMetrics metrics)
{
    // Kraków's bounding box, a little wider than the city.
    const string ViewBox = "19.78,50.13,20.23,49.96";
    public const string Source = "nominatim";
    const int CacheLimit = 10_000;
    static readonly SemaphoreSlim Gate = new(1, 1);
    static DateTimeOffset lastRequest = DateTimeOffset.MinValue;
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<PlaceRow> Rows)> Answers = new();

    public bool Enabled => options.Value.Enabled && !string.IsNullOrWhiteSpace(options.Value.BaseUrl);

    /// <summary>An answer given before for the same text, while it is fresh.</summary>
    public IReadOnlyList<PlaceRow>? Cached(string text)
    {
        var key = CacheKey(text);
        if (Answers.TryGetValue(key, out var answer) && clock.GetUtcNow() - answer.At < options.Value.CacheFor) return answer.Rows;
        return null;
    }

    // Keyed by the base URL too, so two configurations (tests, a city instance) never share answers.
    string CacheKey(string text) => $"{options.Value.BaseUrl}|{PlaceText.Parse(text)}";

    public static void Register(IServiceCollection services)
    {
        services.AddOptions<NominatimOptions>().BindConfiguration(NominatimOptions.Section);
        services.AddHttpClient<NominatimGeocoder>((sp, client) =>
            {
                var settings = sp.GetRequiredService<IOptions<NominatimOptions>>().Value;
                if (!string.IsNullOrWhiteSpace(settings.BaseUrl)) client.BaseAddress = new Uri(settings.BaseUrl.TrimEnd('/') + "/");
                client.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns time-outs
            })
            .AddResilienceHandler("nominatim", pipeline =>
            {
                // Network time-outs and retry delays run on the wall clock, never on the app's clock for
                // schedules (a frozen test clock stalled every retry until the budget ran out).
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddTimeout(TimeSpan.FromSeconds(3));
                pipeline.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 1, Delay = TimeSpan.FromMilliseconds(200) });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    SamplingDuration = TimeSpan.FromSeconds(30), MinimumThroughput = 3, FailureRatio = 0.5, BreakDuration = TimeSpan.FromSeconds(30),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(1)); // each attempt
            });
    }

    /// <summary>Asks the geocoder and caches what it finds; null when it is down, slow or answers nonsense.</summary>
    public async Task<IReadOnlyList<PlaceRow>?> SearchAsync(string text, int limit, CancellationToken ct)
    {
        var settings = options.Value;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(settings.Budget);
        try
        {
            await Gate.WaitAsync(budget.Token);
            try
            {
                var wait = lastRequest + settings.MinInterval - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, budget.Token);
                lastRequest = clock.GetUtcNow();
            }
            finally
            {
                Gate.Release();
            }
            var url = $"search?format=jsonv2&addressdetails=1&countrycodes=pl&bounded=1&viewbox={ViewBox}&limit={limit}&q={Uri.EscapeDataString(text + ", Kraków")}";
            metrics.GeocoderCalled();
            var results = await http.GetFromJsonAsync<List<NominatimResult>>(url, budget.Token);
            var rows = (results ?? [])
                .Select(ToRow)
                .OfType<PlaceRow>()
                .ToList();
            if (rows.Count > 0) await CacheAsync(rows, ct);
            if (Answers.Count >= CacheLimit) Answers.Clear();
            Answers[CacheKey(text)] = (clock.GetUtcNow(), rows);
            return rows;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException
                                       or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException or NotSupportedException)
        {
            if (ct.IsCancellationRequested) throw;
            metrics.GeocoderFailed(e.GetType().Name);
            logger.LogWarning("Geocoder unavailable: {Reason}", e.GetType().Name);
            return null;
        }
    }

    static PlaceRow? ToRow(NominatimResult r)
    {
        if (!double.TryParse(r.Lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(r.Lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ||
            !Infrastructure.Geo.InServiceArea(lat, lon))
            return null;
        var street = r.Address?.Road;
        var number = r.Address?.HouseNumber;
        if (street is not null && number is not null)
            return new PlaceRow($"{street} {number}", PlaceText.NormalizeName(street), PlaceKind.Address, street,
                PlaceText.NormalizeHouseNumber(number), r.Address?.Postcode, lat, lon, Source);
        var label = r.Name is { Length: > 0 } name ? name : r.DisplayName?.Split(',')[0].Trim();
        return string.IsNullOrEmpty(label) ? null
            : new PlaceRow(label, PlaceText.NormalizeName(label), street is null ? PlaceKind.Poi : PlaceKind.Street, street, null, r.Address?.Postcode, lat, lon, Source);
    }

    async Task CacheAsync(IReadOnlyList<PlaceRow> rows, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await PlaceWriter.WriteAsync(connection, transaction, rows, ct);
        await transaction.CommitAsync(ct);
        // The answer itself is cached above; a search waits for no reload of hundreds of thousands of points.
        index.Changed();
    }

    sealed record NominatimAddress(
        [property: JsonPropertyName("road")] string? Road,
        [property: JsonPropertyName("house_number")] string? HouseNumber,
        [property: JsonPropertyName("postcode")] string? Postcode);

    sealed record NominatimResult(
        [property: JsonPropertyName("lat")] string? Lat,
        [property: JsonPropertyName("lon")] string? Lon,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("display_name")] string? DisplayName,
        [property: JsonPropertyName("address")] NominatimAddress? Address);
}
