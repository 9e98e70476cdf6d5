using System.Runtime.CompilerServices;
using System.Text.Json;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Precision;
using NetTopologySuite.Simplify;

namespace ClubFinder.Api.Districts;

public record DistrictSummary(int Number, string Roman, string Name, int ClubCount, double AreaKm2);

public static class DistrictEndpoints
{
    public static RouteGroupBuilder MapDistricts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Districts").WithConditionalGet(maxAgeSeconds: 300);
        api.MapGet("/districts", ListDistricts).WithName("ListDistricts")
            .WithSummary("The 18 districts with the number of listed clubs and area.");
        api.MapGet("/districts.geojson", DistrictsGeoJson).WithName("DistrictsGeoJson")
            .WithSummary("District boundaries simplified for display (about 5 m), as GeoJSON.")
            .Produces<object>(StatusCodes.Status200OK, "application/geo+json");
        api.MapGet("/districts/locate", Locate).WithName("LocateDistrict")
            .WithSummary("The district containing a point; 404 outside Kraków.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static Ok<DistrictSummary[]> ListDistricts(ClubDirectory directory) =>
        TypedResults.Ok(directory.Current.Districts
            .Select(d => new DistrictSummary(d.District.Number, d.District.Roman, d.District.Name, d.ClubCount, d.District.AreaKm2))
            .ToArray());

    public static BytesResult DistrictsGeoJson(ClubDirectory directory) => new(DistrictShapes.For(directory.Current), "application/geo+json; charset=utf-8");

    /// <summary>Which district a point is in.</summary>
    /// <param name="lat">Latitude (WGS84).</param>
    /// <param name="lon">Longitude (WGS84).</param>
    public static Results<Ok<DistrictSummary>, ValidationProblem, ProblemHttpResult> Locate(ClubDirectory directory, string? lat = null, string? lon = null)
    {
        var errors = new QueryErrors();
        var point = errors.Point(lat, lon);
        if (errors.Any) return errors.ToProblem();
        var found = directory.Current.DistrictAt(point!.Value.Lat, point.Value.Lon);
        if (found is null) return Problems.NotFound("The point is not in Kraków. / Punkt nie leży w Krakowie.");
        var d = found.District;
        return TypedResults.Ok(new DistrictSummary(d.Number, d.Roman, d.Name, found.ClubCount, d.AreaKm2));
    }
}

/// <summary>Simplified district polygons, made once per snapshot.</summary>
static class DistrictShapes
{
    static readonly JsonSerializerOptions Json = new() { Converters = { new GeoJsonConverterFactory() } };
    static readonly ConditionalWeakTable<DirectorySnapshot, byte[]> Cache = new();

    public static byte[] For(DirectorySnapshot snapshot) => Cache.GetValue(snapshot, Build);

    static byte[] Build(DirectorySnapshot snapshot)
    {
        var reducer = new GeometryPrecisionReducer(new PrecisionModel(1e5)); // 5 decimals ≈ 1 m
        var features = new FeatureCollection();
        foreach (var entry in snapshot.Districts)
        {
            var d = entry.District;
            var simplified = reducer.Reduce(TopologyPreservingSimplifier.Simplify(d.Geom, 0.00005));
            features.Add(new Feature(simplified, new AttributesTable
            {
                { "number", d.Number }, { "roman", d.Roman }, { "name", d.Name }, { "clubCount", entry.ClubCount },
            }));
        }
        return JsonSerializer.SerializeToUtf8Bytes(features, Json);
    }
}
