using ClubFinder.Api.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace ClubFinder.Api.Districts;

/// <summary>
/// Which district a point lies in: the one rule behind every club write, the directory, place search
/// and coverage. The lowest-numbered district whose polygon covers the point wins, so a point on a
/// shared border has one district wherever it is asked.
/// </summary>
public sealed class DistrictMap
{
    readonly (District District, IPreparedGeometry Shape)[] shapes;

    public DistrictMap(IEnumerable<(District District, IPreparedGeometry Shape)> districts) =>
        shapes = districts.OrderBy(d => d.District.Number).ToArray();

    public DistrictMap(IEnumerable<District> districts) : this(districts.Select(d => (d, PreparedGeometryFactory.Prepare(d.Geom)))) { }

    public static async Task<DistrictMap> LoadAsync(ClubFinderDb db, CancellationToken ct = default) =>
        new(await db.Districts.AsNoTracking().ToListAsync(ct));

    public District? At(double lat, double lon)
    {
        var point = new Point(lon, lat);
        foreach (var (district, shape) in shapes)
            if (shape.Covers(point)) return district;
        return null;
    }

    public District? Get(int? number) => number is { } n ? Array.Find(shapes, s => s.District.Number == n).District : null;
}
