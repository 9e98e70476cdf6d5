using ClubFinder.Api.Coverage;
using ClubFinder.Tests.Infrastructure;

namespace ClubFinder.Tests.Coverage;

[Collection(AppCollection.Name)]
public class CoverageSeedTests(ClubFinderApp app)
{
    [Fact]
    public async Task TheSeedLoadsEveryDistrictsRegisteredResidentsAndMarksTheCompetitionsDistricts()
    {
        var report = await app.GetJsonAsync<CoverageReport>("/api/coverage");
        Assert.Equal(18, report.Districts.Length);
        // data/district-population.csv: all districts together on 31 Dec 2025.
        Assert.Equal(703_697, report.Districts.Sum(d => d.Residents));
        Assert.Equal("2025-12-31", report.ResidentsDate);
        Assert.Equal([5, 8, 14], report.Districts.Where(d => d.Preferred).Select(d => d.Number).Order());
        Assert.Equal(Enumerable.Range(1, 18), report.Districts.Select(d => d.Rank!.Value));
        var districts = await app.GetJsonAsync<ClubFinder.Api.Districts.DistrictSummary[]>("/api/districts");
        foreach (var d in report.Districts)
            Assert.Equal(districts.Single(x => x.Number == d.Number).ClubCount, d.Clubs);
        // Dębniki: 66 203 residents over the official 46.1887 km², not the drawn polygon.
        var debniki = report.Districts.Single(d => d.Number == 8);
        Assert.InRange(debniki.ResidentsWithin1km!.Value, debniki.AreaShare1km * debniki.AreaKm2 * 66_203 / 46.1887 - 10,
            debniki.AreaShare1km * debniki.AreaKm2 * 66_203 / 46.1887 + 10);
    }
}
