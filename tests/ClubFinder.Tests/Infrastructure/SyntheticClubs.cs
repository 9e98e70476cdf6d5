using Dapper;
using Npgsql;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>
/// Clearly marked synthetic clubs ("TEST synthetic …") written straight into a test database,
/// as another app instance or an operator's ad-hoc query would.
/// </summary>
public static class SyntheticClubs
{
    public static async Task<string> InsertAsync(NpgsqlConnection db, double lat, double lon, bool specialNeeds = false,
        string? name = null, string operatorType = "ngo", string precision = "building")
    {
        var slug = $"test-synthetic-{Guid.NewGuid():N}"[..30];
        var organizationId = await db.ExecuteScalarAsync<int>("""
            INSERT INTO organizations (slug, name, type) VALUES (@slug, 'TEST synthetic operator', @operatorType)
            ON CONFLICT (slug) DO UPDATE SET type = excluded.type RETURNING id
            """, new { slug = "test-synthetic-" + operatorType, operatorType });
        await db.ExecuteAsync("""
            INSERT INTO clubs (slug, name, organization_id, street, house_number, location, location_precision, district_number,
                               special_needs, languages, status, sources)
            VALUES (@slug, @name, @organizationId, 'ul. Testowa', '1', ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), @precision,
                    (SELECT number FROM districts WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326))),
                    @specialNeeds, '{pl}', 'active', '[]')
            """, new { slug, name = name ?? $"TEST synthetic club {slug}", organizationId, lat, lon, precision, specialNeeds });
        return slug;
    }

    /// <summary>
    /// Deletes the synthetic clubs and waits until the app's directory has applied a change made
    /// after the delete without them: the next test (some compare the API with SQL) sees the seed
    /// data again, not a club a slow listener still serves.
    /// </summary>
    public static async Task DeleteAsync(ClubFinderApp app, NpgsqlConnection db, params string[] slugs)
    {
        var before = app.Directory.Current.Version;
        await db.ExecuteAsync("DELETE FROM clubs WHERE slug = ANY(@slugs)", new { slugs });
        await app.WaitForReloadAsync(s => s.Version > before && !slugs.Any(s.BySlug.ContainsKey));
    }
}
