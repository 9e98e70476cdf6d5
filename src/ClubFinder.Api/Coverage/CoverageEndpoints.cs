using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ClubFinder.Api.Coverage;

public static class CoverageEndpoints
{
    public const int MaxSites = 3;

    public static IServiceCollection AddClubFinderCoverage(this IServiceCollection services)
    {
        services.AddOptions<CoverageOptions>().BindConfiguration(CoverageOptions.Section);
        services.AddSingleton<CoverageService>();
        services.AddScoped<PopulationImporter>();
        return services;
    }

    public static RouteGroupBuilder MapCoverage(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/coverage").WithTags("Coverage").WithConditionalGet(maxAgeSeconds: 300);
        api.MapGet("", GetCoverage).WithName("GetCoverage")
            .WithSummary("Per district: residents, listed clubs, clubs per 10 000 residents, share of area and estimated residents within 1 km / 2 km walking, rank (least served first).");
        api.MapGet("/site", GetSites).WithName("GetCoverageSite")
            .WithSummary("What a club at each of up to three candidate points (repeat lat= and lon=) would add: district, newly covered area and residents within 1 km walking, rank changes.");
        api.MapGet("/areas.geojson", GetAreas).WithName("GetCoverageAreas")
            .WithSummary("The area within 1 km walking of a listed club, clipped to the city, as GeoJSON.");
        return api;
    }

    public static async Task<Ok<CoverageReport>> GetCoverage(CoverageService coverage, CancellationToken ct) =>
        TypedResults.Ok((await coverage.GetAsync(ct)).Report);

    public static async Task<BytesResult> GetAreas(CoverageService coverage, CancellationToken ct) =>
        new((await coverage.GetAsync(ct)).ReachGeoJson, "application/geo+json; charset=utf-8");

    /// <summary>Each candidate site on its own, compared with today's listed clubs.</summary>
    /// <param name="coverage">The coverage model.</param>
    /// <param name="lat">Latitudes (WGS84) of one to three sites, in the order of their longitudes.</param>
    /// <param name="lon">Longitudes (WGS84), one per latitude.</param>
    /// <param name="ct">Aborted request.</param>
    public static async Task<Results<Ok<CoverageSites>, ValidationProblem>> GetSites(CoverageService coverage,
        [FromQuery] string[]? lat = null, [FromQuery] string[]? lon = null, CancellationToken ct = default)
    {
        var lats = lat ?? [];
        var lons = lon ?? [];
        var errors = new QueryErrors();
        if (lats.Length == 0 && lons.Length == 0)
            errors.Add("lat", "Give at least one site as lat= and lon=. / Podaj co najmniej jedno miejsce (lat= i lon=).");
        else if (lats.Length != lons.Length)
            errors.Add("lon", $"{lats.Length} lat and {lons.Length} lon values: give one of each per site.");
        else if (lats.Length > MaxSites)
            errors.Add("lat", $"{lats.Length} sites: at most {MaxSites} at a time. / Najwyżej {MaxSites} miejsca naraz.");
        if (errors.Any) return errors.ToProblem();

        var model = await coverage.GetAsync(ct);
        var sites = new List<CoverageSite>();
        for (var i = 0; i < lats.Length; i++)
        {
            var point = errors.Point(lats[i], lons[i]);
            if (point is null) continue;
            var district = model.Snapshot.DistrictAt(point.Value.Lat, point.Value.Lon);
            if (district is null)
            {
                errors.Add("lat", $"Site {i + 1} is not in Kraków. / Miejsce {i + 1} nie leży w Krakowie.");
                continue;
            }
            sites.Add(CoverageSiteCalculator.Evaluate(model, point.Value.Lat, point.Value.Lon,
                new DistrictRef(district.District.Number, district.District.Name)));
        }
        if (errors.Any) return errors.ToProblem();
        return TypedResults.Ok(new CoverageSites([.. sites]));
    }
}
