using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Hosting;

namespace ClubFinder.Tests.Coverage;

/// <summary>
/// The app over a database holding only synthetic districts, clearly marked: three rectangles
/// side by side, drawn in EPSG:2180 around a point in Kraków so their true areas are known —
/// A (2 × 2 km, one club at its centre), B (4 × 2 km east of A), C (2 × 2 km west of A).
/// </summary>
public class CoverageApp : ClubFinderApp
{
    public const double CentreLat = 50.0614, CentreLon = 19.9366;
    /// <summary>A's official area and residents: 10 000 per km².</summary>
    public const int ResidentsA = 40_000, ResidentsB = 16_000, ResidentsC = 5_000;

    /// <summary>Origin of the test's local metric frame: A's centre in EPSG:2180.</summary>
    public (double X, double Y) Origin { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Data:SeedOnStart", "false");
        builder.UseSetting("Coverage:PreferredDistricts:0", "3");
    }

    protected override async Task StartAsync()
    {
        await base.StartAsync();
        await using var db = await OpenConnectionAsync();
        Origin = await db.QuerySingleAsync<(double, double)>(
            "SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 2180) AS p",
            new { lat = CentreLat, lon = CentreLon });
        await AddDistrictAsync(db, 1, "TEST synthetic square A", -1000, 1000);
        await AddDistrictAsync(db, 2, "TEST synthetic rectangle B", 1000, 5000);
        await AddDistrictAsync(db, 3, "TEST synthetic square C", -3000, -1000);
        await db.ExecuteAsync("""
            INSERT INTO district_residents (district_number, date, residents, area_km2official, source) VALUES
            (1, '2025-12-31', @a, 4.0, 'TEST synthetic'), (2, '2025-12-31', @b, NULL, 'TEST synthetic'), (3, '2025-12-31', @c, 4.0, 'TEST synthetic')
            """, new { a = ResidentsA, b = ResidentsB, c = ResidentsC });
        await SyntheticClubs.InsertAsync(db, CentreLat, CentreLon);
        await Directory.ReloadAsync();
    }

    Task AddDistrictAsync(Npgsql.NpgsqlConnection db, int number, string name, double fromX, double toX) =>
        db.ExecuteAsync("""
            INSERT INTO districts (number, roman, name, geom, area_km2)
            SELECT @number, @roman, @name, g, ST_Area(g::geography) / 1e6
            FROM ST_Multi(ST_Transform(ST_MakeEnvelope(@x0, @y0, @x1, @y1, 2180), 4326)) AS g
            """, new { number, roman = new[] { "I", "II", "III" }[number - 1], name,
                x0 = Origin.X + fromX, y0 = Origin.Y - 1000, x1 = Origin.X + toX, y1 = Origin.Y + 1000 });

    /// <summary>A point given in metres east/north of A's centre, as WGS84 (PostGIS does the inverse projection).</summary>
    public async Task<(double Lat, double Lon)> ToWgs84Async(double east, double north)
    {
        await using var db = await OpenConnectionAsync();
        return await db.QuerySingleAsync<(double, double)>(
            "SELECT ST_Y(p), ST_X(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(@x, @y), 2180), 4326) AS p",
            new { x = Origin.X + east, y = Origin.Y + north });
    }
}

[CollectionDefinition(Name)]
public class CoverageCollection : ICollectionFixture<CoverageApp>
{
    public const string Name = "coverage";
}
