using ClubFinder.Api.Clubs;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace ClubFinder.Api.Coverage;

/// <summary>One district's figures for one snapshot; areas in m² of EPSG:2180.</summary>
public sealed record CoverageDistrict(
    int Number, string Roman, string Name, Geometry Shape, IPreparedGeometry Prepared,
    double AreaM2, double Covered1M2, double Covered2M2, int Clubs, int AwaitingLocation,
    DistrictResidents? Residents)
{
    /// <summary>Residents per m², over the official area when known (the drawn polygons are slightly larger).</summary>
    public double? Density => Residents is null ? null : Residents.Residents / ((Residents.AreaKm2Official ?? AreaM2 / 1e6) * 1e6);

    public double? ResidentsOn(double areaM2) => Density is { } density ? Math.Min(Residents!.Residents, areaM2 * density) : null;
}

/// <summary>Everything the coverage endpoints answer from, computed once per directory snapshot.</summary>
public sealed class CoverageModel(DirectorySnapshot snapshot, IReadOnlyList<CoverageDistrict> districts, Geometry reach1km,
    byte[] reachGeoJson, CoverageReport report)
{
    public DirectorySnapshot Snapshot { get; } = snapshot;
    public IReadOnlyList<CoverageDistrict> Districts { get; } = districts;
    /// <summary>The union of today's 1 km walking areas (EPSG:2180).</summary>
    public Geometry Reach1km { get; } = reach1km;
    /// <summary>Null when no club is listed.</summary>
    public IPreparedGeometry? PreparedReach1km { get; } = reach1km.IsEmpty ? null : PreparedGeometryFactory.Prepare(reach1km);
    public byte[] ReachGeoJson { get; } = reachGeoJson;
    public CoverageReport Report { get; } = report;
}

/// <summary>The ranking: least served first, by the share of residents within 1 km walking of a club.</summary>
public static class CoverageRanking
{
    public sealed record Entry(int Number, double Residents, double ResidentsWithin1km, double ClubsPerBase);

    /// <summary>Rank 1 is the least served; ties go to fewer clubs per resident, then the district number.</summary>
    public static Dictionary<int, int> Rank(IEnumerable<Entry> entries) =>
        entries.OrderBy(e => e.ResidentsWithin1km / e.Residents).ThenBy(e => e.ClubsPerBase).ThenBy(e => e.Number)
            .Select((e, i) => (e.Number, Rank: i + 1)).ToDictionary(x => x.Number, x => x.Rank);
}
