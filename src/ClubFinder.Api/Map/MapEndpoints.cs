using ClubFinder.Api.Clubs;
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
    /// <summary>How many clubs the city reports, so pages can say how complete the list is.</summary>
    public int ReportedClubCount { get; set; } = 50;
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

    public static Ok<MapConfig> GetConfig(IOptions<MapOptions> options, ClubDirectory directory)
    {
        var map = options.Value;
        var snapshot = directory.Current;
        return TypedResults.Ok(new MapConfig(map.TileUrl, map.TileAttribution, new LatLon(map.CenterLat, map.CenterLon), map.Zoom,
            Languages, map.ReportedClubCount, snapshot.Clubs.Count, snapshot.UnlocatedCount));
    }
}
