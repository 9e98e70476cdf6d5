using System.Text.Json.Nodes;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Data;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ClubFinder.Tests.Schedules;

/// <summary>
/// Clearly marked synthetic clubs with a timetable, imported for a test and deleted after it so
/// other tests' counts are unaffected. All lie in district I near the Main Market Square.
/// </summary>
public static class ScheduleTestClubs
{
    public const string Term = "test-synthetic-sched-term";
    public const string Suspended = "test-synthetic-sched-suspended";
    public const string Unknown = "test-synthetic-sched-unknown";
    public const string Operator = "test-synthetic-sched-operator";
    public const double Lat = 50.0614, Lon = 19.9366;

    static JsonObject Session(int weekday, string start, string? end, string title, string? from = null, string? to = null) => new()
    {
        ["weekday"] = weekday, ["startsAt"] = start, ["endsAt"] = end, ["title"] = title,
        ["audience"] = "1–3 lata", ["registrationRequired"] = true, ["validFrom"] = from, ["validTo"] = to,
    };

    static JsonObject Club(string slug, double lat, double lon)
    {
        var club = MigrationAndImportTests.SyntheticClub(slug, lat, lon);
        club["operator"] = new JsonObject { ["slug"] = Operator, ["name"] = "TEST synthetic schedules operator", ["type"] = "ngo" };
        return club;
    }

    /// <summary>The term club: season 2026-02-01 … 2026-12-20, a closure 20–26 April, sessions chosen for the edge cases.</summary>
    public static JsonObject TermClub(string mondayTitle = "TEST Poranek")
    {
        var club = Club(Term, Lat, Lon);
        club["validFrom"] = "2026-02-01";
        club["validTo"] = "2026-12-20";
        club["sessions"] = new JsonArray(
            Session(1, "10:00", "11:30", mondayTitle),
            Session(2, "10:00", "12:00", "TEST Wtorek"),
            Session(3, "09:30", null, "TEST Bez godziny końca"),
            Session(4, "16:00", "17:00", "TEST Czerwiec", "2026-06-01", "2026-06-30"),
            Session(1, "12:00", "13:00", "TEST Świąteczny", "2026-04-06", "2026-04-06"),
            // Overlapping hours, in different halves of the year: spring's lost hour, autumn's repeated one.
            Session(7, "02:30", "03:30", "TEST Nocna wiosna", to: "2026-06-30"),
            Session(7, "01:30", "03:30", "TEST Nocna jesień", from: "2026-09-01"));
        club["closures"] = new JsonArray(new JsonObject { ["from"] = "2026-04-20", ["to"] = "2026-04-26", ["reason"] = "TEST remont" });
        return club;
    }

    public static async Task ImportAsync(ClubFinderApp app, params JsonObject[] clubs)
    {
        var file = MigrationAndImportTests.WriteClubsFile(clubs);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ClubImporter>().ImportAsync(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static async Task CreateAllAsync(ClubFinderApp app)
    {
        var suspended = Club(Suspended, 50.0620, 19.9375);
        suspended["status"] = "suspended";
        suspended["sessions"] = new JsonArray(Session(2, "10:00", "12:00", "TEST zawieszone"));
        await ImportAsync(app, TermClub(), suspended, Club(Unknown, 50.0608, 19.9360));
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(Term) && s.BySlug.ContainsKey(Suspended) && s.BySlug.ContainsKey(Unknown));
    }

    public static async Task DeleteAllAsync(ClubFinderApp app)
    {
        await using var db = await app.OpenConnectionAsync();
        await db.ExecuteAsync("DELETE FROM clubs WHERE slug LIKE 'test-synthetic-sched-%'");
        await db.ExecuteAsync("DELETE FROM organizations WHERE slug = @Operator", new { Operator });
        await app.WaitForReloadAsync(s => !s.BySlug.Keys.Any(k => k.StartsWith("test-synthetic-sched-", StringComparison.Ordinal)));
    }
}
