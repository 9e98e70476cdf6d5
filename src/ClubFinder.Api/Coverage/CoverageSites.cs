using ClubFinder.Api.Clubs;
using NetTopologySuite.Geometries;

namespace ClubFinder.Api.Coverage;

/// <summary>What a club at a candidate site would add, computed in memory from the snapshot's model.</summary>
public static class CoverageSiteCalculator
{
    static readonly GeometryFactory Factory = new();

    public static CoverageSite Evaluate(CoverageModel model, double lat, double lon, DistrictRef district)
    {
        var (x, y) = Puwg1992.Project(lat, lon);
        var circle = Factory.CreatePoint(new Coordinate(x, y)).Buffer(CoverageService.Radius1km, CoverageService.QuadrantSegments);
        // Only the part no listed club reaches today is new.
        var fresh = model.PreparedReach1km?.Intersects(circle) == true ? circle.Difference(model.Reach1km) : circle;

        var gained = new Dictionary<int, (double AreaM2, double Residents)>();
        foreach (var d in model.Districts)
        {
            if (!d.Prepared.Intersects(fresh)) continue;
            var area = fresh.Intersection(d.Shape).Area;
            if (area <= 0) continue;
            var today = d.ResidentsOn(d.Covered1M2) ?? 0;
            var withSite = d.ResidentsOn(d.Covered1M2 + area) ?? 0;
            gained[d.Number] = (area, withSite - today);
        }

        var before = CoverageService.RankToday(model.Districts);
        var children = CoverageService.UsesChildren(model.Districts);
        var after = CoverageRanking.Rank(model.Districts.Where(d => d.Residents is not null).Select(d =>
        {
            var clubs = d.Clubs + (d.Number == district.Number ? 1 : 0);
            var within = d.ResidentsOn(d.Covered1M2)!.Value + (gained.TryGetValue(d.Number, out var g) ? g.Residents : 0);
            return new CoverageRanking.Entry(d.Number, d.Residents!.Residents, within, CoverageService.ClubsPerBase(d, clubs, children));
        }));

        var byDistrict = model.Districts
            .Where(d => gained.ContainsKey(d.Number) || d.Number == district.Number
                        || before.GetValueOrDefault(d.Number) != after.GetValueOrDefault(d.Number))
            .Select(d =>
            {
                var g = gained.GetValueOrDefault(d.Number);
                return new CoverageSiteDistrict(d.Number, d.Name, Math.Round(g.AreaM2 / 1e6, 3), (int)Math.Round(g.Residents),
                    before.TryGetValue(d.Number, out var rb) ? rb : null, after.TryGetValue(d.Number, out var ra) ? ra : null);
            })
            .OrderByDescending(d => d.NewResidentsWithin1km).ThenBy(d => d.Number)
            .ToArray();
        return new CoverageSite(lat, lon, district, Math.Round(gained.Values.Sum(g => g.AreaM2) / 1e6, 3),
            (int)Math.Round(gained.Values.Sum(g => g.Residents)), byDistrict);
    }
}
