using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Api.Schedules;

namespace ClubFinder.Api.Export;

public static class ExportEndpoints
{
    public static RouteGroupBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/api/export").WithTags("Open data").WithConditionalGet(maxAgeSeconds: 300)
            .RequireRateLimiting(RequestLimits.Expensive);
        export.MapGet("/clubs.csv", Csv).WithName("ExportClubsCsv")
            .WithSummary("All listed clubs as CSV (UTF-8, the columns the admin import accepts); no personal data.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        export.MapGet("/clubs.geojson", GeoJson).WithName("ExportClubsGeoJson").WithSummary("All listed clubs as GeoJSON points.")
            .Produces<object>(StatusCodes.Status200OK, "application/geo+json");
        return export;
    }

    public static BytesResult Csv(ClubDirectory directory, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        http.Response.Headers.ContentDisposition = "attachment; filename=\"krakow-kluby-rodzicow.csv\"";
        var now = Warsaw.Now(clock);
        return new BytesResult(ClubCsv.Write(directory.Current.Clubs.Select(c =>
        {
            ct.ThrowIfCancellationRequested();
            return c.ToDetails(now);
        })), "text/csv; charset=utf-8");
    }

    public static BytesResult GeoJson(ClubDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        return ClubGeoJson.Write(directory.Current.Clubs, Warsaw.Now(clock), ct, wholeSummary: true);
    }
}
