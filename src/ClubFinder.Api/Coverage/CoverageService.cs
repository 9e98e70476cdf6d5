using System.Globalization;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO;
using Npgsql;

namespace ClubFinder.Api.Coverage;

/// <summary>
/// Computes the coverage figures in PostGIS (EPSG:2180, metres) once per directory snapshot and
/// keeps them in memory; candidate sites are answered from that model without the database.
/// </summary>
public sealed class CoverageService(ClubDirectory directory, NpgsqlDataSource dataSource, IServiceScopeFactory scopes,
    IOptions<CoverageOptions> options, ILogger<CoverageService> logger)
{
    /// <summary>The service's walking rule: streets are not straight, so a walk is 1.3 × the straight line.</summary>
    public const double WalkingFactor = 1.3;
    public const double Radius1km = 1000 / WalkingFactor;
    public const double Radius2km = 2000 / WalkingFactor;
    /// <summary>Segments per quarter circle, as the SQL's quad_segs, so the site and the clubs are drawn alike.</summary>
    public const int QuadrantSegments = 16;

    // The district polygons clipped to the city (their union) so overlaps or slivers outside it
    // never count, and each listed club's walking areas as buffers in metres.
    const string DistrictsSql = """
        WITH city AS (
            SELECT ST_Union(ST_Transform(geom, 2180)) AS g FROM districts
        ), district AS (
            SELECT d.number, d.roman, d.name,
                   ST_Multi(ST_CollectionExtract(ST_Intersection(ST_Transform(d.geom, 2180), city.g), 3)) AS g
            FROM districts d, city
        ), site AS (
            SELECT ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 2180) AS p
            FROM unnest(@lons::float8[], @lats::float8[]) AS c(lon, lat)
        ), reach AS (
            SELECT ST_Union(ST_Buffer(p, @r1, 'quad_segs=16')) AS g1, ST_Union(ST_Buffer(p, @r2, 'quad_segs=16')) AS g2 FROM site
        )
        SELECT district.number, district.roman, district.name, ST_AsBinary(district.g) AS shape, ST_Area(district.g) AS aream2,
               COALESCE(ST_Area(ST_Intersection(district.g, reach.g1)), 0) AS covered1m2,
               COALESCE(ST_Area(ST_Intersection(district.g, reach.g2)), 0) AS covered2m2
        FROM district, reach
        ORDER BY district.number
        """;

    const string ReachSql = """
        WITH city AS (
            SELECT ST_Union(ST_Transform(geom, 2180)) AS g FROM districts
        ), reach AS (
            SELECT ST_Union(ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 2180), @r1, 'quad_segs=16')) AS g
            FROM unnest(@lons::float8[], @lats::float8[]) AS c(lon, lat)
        )
        SELECT ST_AsBinary(reach.g) AS reach,
               ST_AsGeoJSON(ST_Transform(ST_Intersection(reach.g, city.g), 4326), 6) AS reachgeojson
        FROM reach, city
        """;

    const string AwaitingSql = """
        SELECT district_number AS number, count(*)::int AS count
        FROM clubs WHERE location IS NULL AND status <> 'closed' AND district_number IS NOT NULL
        GROUP BY district_number
        """;

    readonly SemaphoreSlim computeLock = new(1, 1);
    CoverageModel? model;

    /// <summary>The model for the directory's current snapshot, computed on first use after each reload.</summary>
    public async Task<CoverageModel> GetAsync(CancellationToken ct = default)
    {
        var snapshot = directory.Current;
        var cached = Volatile.Read(ref model);
        if (cached?.Snapshot == snapshot) return cached;
        await computeLock.WaitAsync(ct);
        try
        {
            snapshot = directory.Current;
            cached = model;
            if (cached?.Snapshot == snapshot) return cached;
            var computed = await ComputeAsync(snapshot, ct);
            Volatile.Write(ref model, computed);
            return computed;
        }
        finally
        {
            computeLock.Release();
        }
    }

    async Task<CoverageModel> ComputeAsync(DirectorySnapshot snapshot, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var parameters = new
        {
            lons = snapshot.Clubs.Select(c => c.Lon).ToArray(),
            lats = snapshot.Clubs.Select(c => c.Lat).ToArray(),
            r1 = Radius1km,
            r2 = Radius2km,
        };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<DistrictRow>(new CommandDefinition(DistrictsSql, parameters, cancellationToken: ct))).ToList();
        var reach = await connection.QuerySingleAsync<ReachRow>(new CommandDefinition(ReachSql, parameters, cancellationToken: ct));
        var awaiting = (await connection.QueryAsync<(int Number, int Count)>(new CommandDefinition(AwaitingSql, cancellationToken: ct)))
            .ToDictionary(a => a.Number, a => a.Count);
        Dictionary<int, DistrictResidents> residents;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClubFinderDb>();
            residents = (await db.DistrictResidents.AsNoTracking().ToListAsync(ct))
                .GroupBy(r => r.DistrictNumber).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Date)!);
        }

        var reader = new WKBReader();
        var districts = rows.Select(r =>
        {
            var shape = reader.Read(r.Shape);
            return new CoverageDistrict(r.Number, r.Roman, r.Name, shape, PreparedGeometryFactory.Prepare(shape), r.AreaM2,
                r.Covered1M2, r.Covered2M2, snapshot.District(r.Number)?.ClubCount ?? 0, awaiting.GetValueOrDefault(r.Number),
                residents.GetValueOrDefault(r.Number));
        }).ToList();
        var reach1 = reach.Reach is null ? (Geometry)new GeometryFactory().CreatePolygon() : reader.Read(reach.Reach);
        var geoJson = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"walkMeters":1000},"geometry":{{reach.ReachGeoJson ?? "null"}}}]}""");

        var report = Report(snapshot, districts, options.Value);
        logger.LogInformation("Coverage computed for directory version {Version} in {Ms:0} ms",
            snapshot.Version, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new CoverageModel(snapshot, districts, reach1, geoJson, report);
    }

    /// <summary>Children 0–3 are the basis when every district with figures has them.</summary>
    public static bool UsesChildren(IEnumerable<CoverageDistrict> districts)
    {
        var known = districts.Where(d => d.Residents is not null).ToList();
        return known.Count > 0 && known.All(d => d.Residents!.Children0To3 > 0);
    }

    public static double ClubsPerBase(CoverageDistrict d, int clubs, bool children) =>
        children ? clubs * 1000.0 / d.Residents!.Children0To3!.Value : clubs * 10000.0 / d.Residents!.Residents;

    public static Dictionary<int, int> RankToday(IReadOnlyList<CoverageDistrict> districts)
    {
        var children = UsesChildren(districts);
        return CoverageRanking.Rank(districts.Where(d => d.Residents is not null)
            .Select(d => new CoverageRanking.Entry(d.Number, d.Residents!.Residents, d.ResidentsOn(d.Covered1M2)!.Value, ClubsPerBase(d, d.Clubs, children))));
    }

    static CoverageReport Report(DirectorySnapshot snapshot, IReadOnlyList<CoverageDistrict> districts, CoverageOptions options)
    {
        var ranks = RankToday(districts);
        var children = UsesChildren(districts);
        var dated = districts.Where(d => d.Residents is not null).Select(d => d.Residents!).ToList();
        var rows = districts.Select(d =>
        {
            var r = d.Residents;
            return new CoverageDistrictRow(d.Number, d.Roman, d.Name, r?.Residents, r?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r?.Children0To3, d.Clubs, d.AwaitingLocation,
                r is null ? null : Math.Round(d.Clubs * 10000.0 / r.Residents, 2),
                r?.Children0To3 is > 0 ? Math.Round(d.Clubs * 1000.0 / r.Children0To3.Value, 2) : null,
                Math.Round(d.AreaM2 / 1e6, 3), Share(d.Covered1M2, d.AreaM2), Share(d.Covered2M2, d.AreaM2),
                Round(d.ResidentsOn(d.Covered1M2)), Round(d.ResidentsOn(d.Covered2M2)),
                ranks.TryGetValue(d.Number, out var rank) ? rank : null, options.PreferredDistricts.Contains(d.Number));
        }).OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Number).ToArray();
        string[] assumptions =
        [
            $"Walking distance is the straight-line distance × {WalkingFactor.ToString(CultureInfo.InvariantCulture)} (the service's walking rule): 1 km walking = {Radius1km:0} m in a straight line, 2 km = {Radius2km:0} m.",
            "Residents are assumed to be spread evenly inside each district; densities use the official district areas.",
            "Residents are people registered for permanent residence, fewer than actually live there.",
            "Listed clubs only: clubs still awaiting a location cannot be placed on the map and do not count towards the covered area.",
            "Rank 1 is the least served district: the smallest share of residents within 1 km walking of a listed club; ties go to fewer clubs per resident.",
        ];
        return new CoverageReport(
            dated.Count == 0 ? null : dated.Max(r => r.Date).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            dated.Count == 0 ? null : string.Join("; ", dated.Select(r => r.Source).Distinct()),
            children ? "children0to3" : "residents", assumptions, WalkingFactor, Math.Round(Radius1km, 1), Math.Round(Radius2km, 1),
            options.Competition, options.CompetitionSource, snapshot.UnlocatedCount - districts.Sum(d => d.AwaitingLocation), rows);
    }

    static double Share(double part, double whole) => whole <= 0 ? 0 : Math.Round(Math.Clamp(part / whole, 0, 1), 4);

    static int? Round(double? value) => value is null ? null : (int)Math.Round(value.Value);

    sealed record DistrictRow(int Number, string Roman, string Name, byte[] Shape, double AreaM2, double Covered1M2, double Covered2M2);

    sealed record ReachRow(byte[]? Reach, string? ReachGeoJson);
}
