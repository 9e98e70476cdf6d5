using System.Text.Json;
using System.Text.Json.Nodes;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ClubFinder.Tests.Data;

[Collection(AppCollection.Name)]
public class MigrationAndImportTests(ClubFinderApp app)
{
    static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    static JsonArray SeedClubs() => JsonNode.Parse(File.ReadAllText(DataFile("clubs.json")))!["clubs"]!.AsArray();

    [Fact]
    public async Task MigrationsCreateTheDataModelWithSnakeCaseNamesAndExtensions()
    {
        await using var db = await app.OpenConnectionAsync();
        var columns = (await db.QueryAsync<string>(
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'")).ToHashSet();
        foreach (var column in new[]
                 {
                     "clubs.slug", "clubs.name", "clubs.location", "clubs.location_precision", "clubs.district_number",
                     "clubs.valid_from", "clubs.valid_to", "clubs.last_verified_at", "clubs.source_url", "clubs.house_number",
                     "sessions.club_id", "sessions.weekday", "sessions.starts_at", "sessions.ends_at",
                     "closures.from_date", "closures.to_date", "districts.number", "districts.roman", "districts.geom",
                     "organizations.slug", "organizations.type", "places.label", "places.kind", "audit_log.before", "audit_log.after",
                 })
            Assert.Contains(column, columns);

        var extensions = (await db.QueryAsync<string>("SELECT extname FROM pg_extension")).ToList();
        Assert.Contains("postgis", extensions);
        Assert.Contains("pg_trgm", extensions);
        Assert.Contains("unaccent", extensions);

        var gistIndexes = await db.QueryAsync<string>(
            "SELECT tablename FROM pg_indexes WHERE indexdef ILIKE '%USING gist%'");
        Assert.Contains("clubs", gistIndexes);
        Assert.Contains("districts", gistIndexes);
    }

    [Fact]
    public async Task TheSeedImportLoadsEveryRealClubAndDistrict()
    {
        await using var db = await app.OpenConnectionAsync();
        var seed = SeedClubs();
        Assert.Equal(18, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM districts"));
        var slugs = (await db.QueryAsync<string>("SELECT slug FROM clubs")).ToHashSet();
        foreach (var row in seed) Assert.Contains(row!["slug"]!.GetValue<string>(), slugs);

        // Clubs without a sourced point are stored but not public.
        var unlocated = seed.Where(r => r!["location"] is null).Select(r => r!["slug"]!.GetValue<string>()).ToList();
        Assert.NotEmpty(unlocated);
        var listed = await app.GetJsonAsync<ClubList>("/api/clubs");
        foreach (var slug in unlocated)
        {
            Assert.DoesNotContain(listed.Items, c => c.Slug == slug);
            var response = await app.CreateClient().GetAsync($"/api/clubs/{slug}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceChangesNothing()
    {
        await using var db = await app.OpenConnectionAsync();
        const string state = "SELECT string_agg(slug || ':' || xmin::text, ',' ORDER BY slug) FROM clubs";
        var before = await db.ExecuteScalarAsync<string>(state);
        var sessionsBefore = await db.ExecuteScalarAsync<string>("SELECT string_agg(id::text, ',' ORDER BY id) FROM sessions");

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ClubImporter>().ImportAsync(DataFile("clubs.json"));

        Assert.Equal(0, result.Created);
        Assert.Equal(0, result.Updated);
        Assert.Equal(SeedClubs().Count, result.Unchanged);
        Assert.Equal(before, await db.ExecuteScalarAsync<string>(state));
        Assert.Equal(sessionsBefore, await db.ExecuteScalarAsync<string>("SELECT string_agg(id::text, ',' ORDER BY id) FROM sessions"));
    }

    [Fact]
    public async Task AFileWithOneBadRowImportsNothingAndNamesTheRow()
    {
        var file = WriteClubsFile(
            SyntheticClub("test-synthetic-good-a", 50.0614, 19.9366),
            SyntheticClub("test-synthetic-good-b", 50.0700, 19.9400),
            SyntheticClub("test-synthetic-outside", 50.2500, 19.5000)); // Alwernia area: outside Kraków

        await using var scope = app.Services.CreateAsyncScope();
        var error = await Assert.ThrowsAsync<ImportException>(
            () => scope.ServiceProvider.GetRequiredService<ClubImporter>().ImportAsync(file));

        Assert.Contains("row 3", error.Message);
        Assert.Contains("test-synthetic-outside", error.Message);
        Assert.Contains("location", error.Message);
        Assert.Contains("outside Kraków", error.Message);
        Assert.Contains(Path.GetFileName(file), error.Message);
        await using var db = await app.OpenConnectionAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM clubs WHERE slug LIKE 'test-synthetic-good-%'"));
    }

    [Fact]
    public async Task AChangedRowUpdatesTheClubAndTheWrongDistrictInTheFileLosesToThePolygons()
    {
        var club = SyntheticClub("test-synthetic-update", 50.0614, 19.9366); // Rynek Główny: district I
        club["district"] = 8;
        var file = WriteClubsFile(club);
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<ClubImporter>();

        var first = await importer.ImportAsync(file);
        Assert.Equal(1, first.Created);
        Assert.Contains(first.Warnings, w => w.Contains("test-synthetic-update") && w.Contains("polygons say 1"));

        club["name"] = "TEST synthetic club, renamed";
        var second = await importer.ImportAsync(WriteClubsFile(club));
        Assert.Equal(1, second.Updated);

        await using var db = await app.OpenConnectionAsync();
        var row = await db.QuerySingleAsync<(string Name, int District)>(
            "SELECT name, district_number FROM clubs WHERE slug = 'test-synthetic-update'");
        Assert.Equal(("TEST synthetic club, renamed", 1), row);
        await db.ExecuteAsync("DELETE FROM clubs WHERE slug = 'test-synthetic-update'");
    }

    [Fact]
    public async Task EveryImportedClubLiesInTheDistrictThePolygonsSay()
    {
        await using var db = await app.OpenConnectionAsync();
        var mismatches = await db.QueryAsync<string>("""
            SELECT c.slug FROM clubs c
            LEFT JOIN districts d ON ST_Covers(d.geom, c.location)
            WHERE c.location IS NOT NULL AND c.district_number IS DISTINCT FROM d.number
            """);
        Assert.Empty(mismatches);
        Assert.True(await db.ExecuteScalarAsync<int>("SELECT count(*) FROM clubs WHERE district_number IS NOT NULL") >= 15);
    }

    internal static JsonObject SyntheticClub(string slug, double lat, double lon) => new()
    {
        ["slug"] = slug,
        ["name"] = $"TEST synthetic club {slug}",
        ["operator"] = new JsonObject { ["slug"] = "test-synthetic-operator", ["name"] = "TEST synthetic operator", ["type"] = "ngo" },
        ["address"] = new JsonObject { ["street"] = "ul. Testowa", ["houseNumber"] = "1", ["postcode"] = null },
        ["location"] = new JsonObject { ["lat"] = lat, ["lon"] = lon, ["precision"] = "building" },
        ["specialNeeds"] = false,
        ["sessions"] = new JsonArray(),
    };

    internal static string WriteClubsFile(params JsonObject[] clubs)
    {
        var path = Path.Combine(Path.GetTempPath(), $"clubs-test-{Guid.NewGuid():N}.json");
        var array = new JsonArray();
        foreach (var club in clubs) array.Add(JsonNode.Parse(club.ToJsonString()));
        File.WriteAllText(path, new JsonObject { ["clubs"] = array }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
