using System.Globalization;
using System.Net;
using ClubFinder.Api.Coverage;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ClubFinder.Tests.Coverage;

/// <summary>
/// Coverage figures against independent computations: areas by counting a 10 m grid of points in
/// the synthetic districts' own metric frame, residents as area × density from the test's figures.
/// </summary>
[Collection(CoverageCollection.Name)]
public class CoverageApiTests(CoverageApp app)
{
    const double Walk1 = 1000 / 1.3, Walk2 = 2000 / 1.3;

    /// <summary>Area in km² of the points of a rectangle (metres from A's centre) for which <paramref name="inside"/> holds.</summary>
    static double GridArea(double x0, double x1, double y0, double y1, Func<double, double, bool> inside, double step = 5)
    {
        long count = 0;
        for (var x = x0 + step / 2; x < x1; x += step)
            for (var y = y0 + step / 2; y < y1; y += step)
                if (inside(x, y)) count++;
        return count * step * step / 1e6;
    }

    static bool Within(double x, double y, double cx, double cy, double r) => (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;

    static void Near(double expected, double actual, double relative, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Max(1e-3, Math.Abs(expected) * relative),
            $"{what}: expected {expected.ToString(CultureInfo.InvariantCulture)}, got {actual.ToString(CultureInfo.InvariantCulture)}");

    Task<CoverageReport> ReportAsync() => app.GetJsonAsync<CoverageReport>("/api/coverage");

    [Fact]
    public async Task AClubCoversTheExpectedShareOfASquareDistrictAndItsNeighbours()
    {
        var report = await ReportAsync();
        var a = report.Districts.Single(d => d.Number == 1);
        var b = report.Districts.Single(d => d.Number == 2);
        var c = report.Districts.Single(d => d.Number == 3);

        Near(4.0, a.AreaKm2, 0.002, "A's area");
        Near(8.0, b.AreaKm2, 0.002, "B's area");
        Near(GridArea(-1000, 1000, -1000, 1000, (x, y) => Within(x, y, 0, 0, Walk1)) / 4, a.AreaShare1km, 0.01, "A within 1 km");
        Near(1.0, a.AreaShare2km, 0.001, "A within 2 km (its corners are 1 414 m away, closer than 2 km walking)");
        Assert.Equal(0, b.AreaShare1km);
        Near(GridArea(1000, 5000, -1000, 1000, (x, y) => Within(x, y, 0, 0, Walk2)) / 8, b.AreaShare2km, 0.02, "B within 2 km");
        Near(GridArea(-3000, -1000, -1000, 1000, (x, y) => Within(x, y, 0, 0, Walk2)) / 4, c.AreaShare2km, 0.02, "C within 2 km");
        Assert.Equal(1000 / 1.3, report.Radius1kmMeters, 0.1);
    }

    [Fact]
    public async Task ResidentsWithinReachAreTheCoveredAreaTimesTheOfficialDensity()
    {
        var report = await ReportAsync();
        var a = report.Districts.Single(d => d.Number == 1);
        var c = report.Districts.Single(d => d.Number == 3);
        // A: 40 000 residents over an official 4 km².
        var coveredKm2 = GridArea(-1000, 1000, -1000, 1000, (x, y) => Within(x, y, 0, 0, Walk1));
        Near(coveredKm2 * CoverageApp.ResidentsA / 4.0, a.ResidentsWithin1km!.Value, 0.01, "A's residents within 1 km");
        Assert.Equal(CoverageApp.ResidentsA, a.ResidentsWithin2km);
        var cCovered = GridArea(-3000, -1000, -1000, 1000, (x, y) => Within(x, y, 0, 0, Walk2));
        Near(cCovered * CoverageApp.ResidentsC / 4.0, c.ResidentsWithin2km!.Value, 0.02, "C's residents within 2 km");
        Assert.Equal(0.25, a.ClubsPer10k);
        Assert.Equal(1, a.Clubs);
        Assert.Equal("residents", report.Basis);
        Assert.Equal("2025-12-31", report.ResidentsDate);
        Assert.Contains(report.Assumptions, s => s.Contains("1.3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DistrictsAreRankedLeastServedFirstAndThePreferredOnesAreMarked()
    {
        var report = await ReportAsync();
        // B and C have no club within reach (share 0, no clubs): the lower number first; A last.
        Assert.Equal([2, 3, 1], report.Districts.Select(d => d.Number));
        Assert.Equal([1, 2, 3], report.Districts.Select(d => d.Rank!.Value));
        Assert.Equal([3], report.Districts.Where(d => d.Preferred).Select(d => d.Number));
    }

    [Fact]
    public async Task ASiteInAnUnservedDistrictCoversNewResidentsAndMovesItsRank()
    {
        var (lat, lon) = await app.ToWgs84Async(3000, 0); // B's centre: its 1 km walk reaches no other club's area
        var answer = await app.GetJsonAsync<CoverageSites>(FormattableString.Invariant($"/api/coverage/site?lat={lat}&lon={lon}"));
        var site = Assert.Single(answer.Sites);
        Assert.Equal(2, site.District.Number);
        var circle = GridArea(2000, 4000, -1000, 1000, (x, y) => Within(x, y, 3000, 0, Walk1));
        Near(circle, site.NewlyCoveredAreaKm2, 0.01, "newly covered area");
        var bAreaKm2 = (await ReportAsync()).Districts.Single(d => d.Number == 2).AreaKm2; // no official area: the polygon's
        Near(circle * CoverageApp.ResidentsB / bAreaKm2, site.NewResidentsWithin1km, 0.01, "new residents");
        var b = site.ByDistrict.Single(d => d.Number == 2);
        Assert.Equal((1, 2), (b.RankBefore, b.RankAfter));
        var c = site.ByDistrict.Single(d => d.Number == 3);
        Assert.Equal((2, 1), (c.RankBefore, c.RankAfter));
        Assert.DoesNotContain(site.ByDistrict, d => d.Number == 1);
    }

    [Fact]
    public async Task ASiteBesideAClubCountsOnlyTheAreaNoClubReachesToday()
    {
        var (lat, lon) = await app.ToWgs84Async(500, 0);
        var (lat2, lon2) = await app.ToWgs84Async(0, 0);
        var answer = await app.GetJsonAsync<CoverageSites>(FormattableString.Invariant(
            $"/api/coverage/site?lat={lat}&lon={lon}&lat={lat2}&lon={lon2}"));
        Assert.Equal(2, answer.Sites.Length);
        var inA = GridArea(-1000, 1000, -1000, 1000, (x, y) => Within(x, y, 500, 0, Walk1) && !Within(x, y, 0, 0, Walk1));
        var inB = GridArea(1000, 5000, -1000, 1000, (x, y) => Within(x, y, 500, 0, Walk1));
        Near(inA + inB, answer.Sites[0].NewlyCoveredAreaKm2, 0.02, "area beside the club");
        Near(inA * CoverageApp.ResidentsA / 4.0, answer.Sites[0].ByDistrict.Single(d => d.Number == 1).NewResidentsWithin1km, 0.02, "A's new residents");
        // The second site is the club's own point: nothing new.
        Assert.Equal(0, answer.Sites[1].NewResidentsWithin1km);
        Assert.Equal(0, answer.Sites[1].NewlyCoveredAreaKm2, 3);
    }

    [Theory]
    [InlineData("lat=50.0614&lon=21.0", "outside the service area")]
    [InlineData("lat=50.30&lon=19.9366", "not in Kraków")]
    [InlineData("lat=NaN&lon=19.9", "not a number")]
    [InlineData("lat=50.06&lon=Infinity", "not a number")]
    [InlineData("lat=50.06", "one of each")]
    [InlineData("", "at least one site")]
    [InlineData("lat=50.06&lon=19.93&lat=50.06&lon=19.94&lat=50.06&lon=19.95&lat=50.06&lon=19.96", "at most 3")]
    public async Task BadSitesAreRejectedWithAProblem(string query, string message)
    {
        var response = await app.CreateClient().GetAsync("/api/coverage/site?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInMemoryProjectionAgreesWithPostGis()
    {
        await using var db = await app.OpenConnectionAsync();
        foreach (var (lat, lon) in new[] { (50.0614, 19.9366), (49.97, 19.79), (50.12, 20.22), (50.0, 19.0), (50.09, 20.05) })
        {
            var (x, y) = await db.QuerySingleAsync<(double, double)>(
                "SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 2180) AS p", new { lat, lon });
            var (px, py) = Puwg1992.Project(lat, lon);
            Assert.InRange(px - x, -0.01, 0.01);
            Assert.InRange(py - y, -0.01, 0.01);
        }
    }

    [Fact]
    public async Task TheOneKilometreAreasAreServedAsGeoJson()
    {
        var response = await app.CreateClient().GetAsync("/api/coverage/areas.geojson");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"FeatureCollection\"", body, StringComparison.Ordinal);
        Assert.Contains("\"Polygon\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChildrenCountsWhenLoadedBecomeTheBasis()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, [
                "number,residents,children_0_3,date,source",
                "1,40000,1600,2099-01-01,TEST synthetic children",
                "2,16000,800,2099-01-01,TEST synthetic children",
                "3,5000,100,2099-01-01,TEST synthetic children",
            ]);
            await using (var scope = app.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<PopulationImporter>().ImportAsync(file);
            var report = await Eventually.ValueAsync(ReportAsync, r => r.Basis == "children0to3");
            Assert.Equal("children0to3", report.Basis);
            Assert.Equal(1000.0 / 1600, report.Districts.Single(d => d.Number == 1).ClubsPer1kChildren!.Value, 2);
        }
        finally
        {
            File.Delete(file);
            await using var db = await app.OpenConnectionAsync();
            await db.ExecuteAsync("DELETE FROM district_residents WHERE date = '2099-01-01'");
            await app.Directory.ReloadAsync();
        }
    }

    [Fact]
    public async Task ThePopulationImporterNamesEveryBadRowAndImportsNothing()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, [
                "number,residents,children_0_3,date,source",
                "1,41000,,2030-01-01,TEST ok",
                "19,1000,,2030-01-01,TEST",
                "2,many,,2030-01-01,TEST",
                "3,5000,,2030-13-01,TEST",
                "3,5000,9000,2030-01-01,TEST",
                "1,41000,,2030-01-01,TEST twice",
            ]);
            await using var scope = app.Services.CreateAsyncScope();
            var error = await Assert.ThrowsAsync<ClubFinder.Api.Data.ImportException>(
                () => scope.ServiceProvider.GetRequiredService<PopulationImporter>().ImportAsync(file));
            Assert.Contains(error.Errors, e => e.StartsWith("line 3, field 'number'", StringComparison.Ordinal));
            Assert.Contains(error.Errors, e => e.StartsWith("line 4, field 'residents'", StringComparison.Ordinal));
            Assert.Contains(error.Errors, e => e.StartsWith("line 5, field 'date'", StringComparison.Ordinal));
            Assert.Contains(error.Errors, e => e.StartsWith("line 6, field 'children_0_3'", StringComparison.Ordinal));
            Assert.Contains(error.Errors, e => e.StartsWith("lines 2, 7", StringComparison.Ordinal));
            await using var db = await app.OpenConnectionAsync();
            Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM district_residents WHERE date = '2030-01-01'"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task TheImportPopulationCommandNamesABadRowAndExitsWithOne()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(file, ["number,residents,date,source", "1,abc,2030-01-01,TEST synthetic"]);
            using var run = await AppProcess.RunAsync($"import-population {file}", new Dictionary<string, string?>
            {
                ["ConnectionStrings__ClubFinder"] = app.ConnectionString,
                ["Data__SeedOnStart"] = "false",
            }, TimeSpan.FromMinutes(5));
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(run.Errors, line => line.Contains("line 2, field 'residents'", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
