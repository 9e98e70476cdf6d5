using ClubFinder.Api.Completeness;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Map;

public class MapOptions
{
    public const string Section = "Map";

    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public string TileAttribution { get; set; } = "© OpenStreetMap contributors";
    public double CenterLat { get; set; } = 50.0614;
    public double CenterLon { get; set; } = 19.9366;
    public int Zoom { get; set; } = 12;
}

public record LatLon(double Lat, double Lon);
public record MapConfig(string TileUrl, string TileAttribution, LatLon Center, int Zoom, string[] Languages,
    int ReportedClubCount, int ListedClubCount, int UnlocatedClubCount);

public static class MapEndpoints
{
    public static readonly string[] Languages = ["pl", "en", "uk"];

    public static RouteHandlerBuilder MapConfigEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/config", GetConfig).WithTags("Map").WithName("GetConfig")
            .WithSummary("Tile server, map centre, languages and how complete the club list is.");

    /// <summary>How complete the list is comes from the completeness report, the city office's figures.</summary>
    public static async Task<Ok<MapConfig>> GetConfig(IOptions<MapOptions> options, PublicCompleteness completeness, CancellationToken ct)
    {
        var map = options.Value;
        var totals = await completeness.TotalsAsync(ct);
        return TypedResults.Ok(new MapConfig(map.TileUrl, map.TileAttribution, new LatLon(map.CenterLat, map.CenterLon), map.Zoom,
            Languages, totals.ReportedByCity, totals.Located, totals.Known - totals.Located));
    }
}
