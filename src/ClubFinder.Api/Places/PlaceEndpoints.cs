using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClubFinder.Api.Places;

public record ReverseResult(double Lat, double Lon, DistrictRef? District, PlaceSuggestion? Nearest, double? DistanceMeters);

public static class PlaceEndpoints
{
    public const string GeocoderHeader = "Geocoder-Status";

    public static RouteGroupBuilder MapPlaces(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/places").WithTags("Places").WithConditionalGet(maxAgeSeconds: 300, fromSnapshot: false)
            .RequireRateLimiting(RequestLimits.Expensive);
        api.MapGet("", Suggest).WithName("SuggestPlaces")
            .WithSummary("Address and place suggestions from the local gazetteer (from the third character).");
        api.MapGet("/lookup", Lookup).WithName("LookupPlace")
            .WithSummary("An explicit search (Enter): the place typed, or what is known instead and why; asks the online geocoder when allowed.");
        api.MapGet("/reverse", Reverse).WithName("ReversePlace")
            .WithSummary("The district of a point and the nearest known place.");
        return api;
    }

    /// <summary>Suggests places.</summary>
    /// <param name="q">What was typed: a street with or without number, a neighbourhood, a district, a postcode; diacritics optional.</param>
    /// <param name="limit">How many suggestions, 1–20 (default 8).</param>
    public static async Task<Results<Ok<IReadOnlyList<PlaceSuggestion>>, ValidationProblem>> Suggest(
        PlaceSearch search, HttpContext http, CancellationToken ct, string? q = null, string? limit = null)
    {
        var errors = new QueryErrors();
        var text = errors.Text(q, "q");
        var count = errors.Integer(limit, "limit", 1, 20, "limit") ?? 8;
        if (q is null) errors.Add("q", "q is required: type at least three letters of an address or place.");
        if (errors.Any) return errors.ToProblem();
        if (text is null) return TypedResults.Ok<IReadOnlyList<PlaceSuggestion>>([]);
        var items = await search.SearchAsync(text, count, ct);
        return TypedResults.Ok(items);
    }

    /// <summary>Resolves an explicit search.</summary>
    /// <param name="q">What was typed, as for suggestions.</param>
    /// <param name="online">false: never ask the online geocoder (default true; it is asked only when the local data has no answer).</param>
    public static async Task<Results<Ok<PlaceAnswer>, ValidationProblem>> Lookup(
        PlaceLookup lookup, HttpContext http, CancellationToken ct, string? q = null, string? online = null)
    {
        var errors = new QueryErrors();
        var text = errors.Text(q, "q");
        var ask = errors.Boolean(online, "online") ?? true;
        if (text is null) errors.Add("q", "q is required: type an address, a street, a stop or a place.");
        if (errors.Any) return errors.ToProblem();
        var answer = await lookup.LookupAsync(text!, ask, ct);
        http.Response.Headers[GeocoderHeader] = answer.Geocoder;
        // An answer given without the geocoder because it was away may be better in a minute.
        if (answer.Geocoder == "unavailable") http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(answer);
    }

    /// <summary>Reverse lookup.</summary>
    /// <param name="lat">Latitude (WGS84).</param>
    /// <param name="lon">Longitude (WGS84).</param>
    public static async Task<Results<Ok<ReverseResult>, ValidationProblem>> Reverse(
        PlaceSearch search, ClubDirectory directory, CancellationToken ct, string? lat = null, string? lon = null)
    {
        var errors = new QueryErrors();
        var point = errors.Point(lat, lon);
        if (errors.Any) return errors.ToProblem();
        var (la, lo) = point!.Value;
        var district = directory.Current.DistrictAt(la, lo)?.District;
        var nearest = await search.NearestAsync(la, lo, ct);
        return TypedResults.Ok(new ReverseResult(la, lo, district is null ? null : new DistrictRef(district.Number, district.Name), nearest,
            nearest is null ? null : Math.Round(Geo.DistanceMeters(la, lo, nearest.Lat, nearest.Lon), 1)));
    }
}
