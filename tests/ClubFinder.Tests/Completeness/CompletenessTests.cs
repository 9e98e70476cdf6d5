using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClubFinder.Api.Schedules;
using ClubFinder.Tests.Admin;
using ClubFinder.Tests.Infrastructure;
using Dapper;

namespace ClubFinder.Tests.Completeness;

[Collection(AppCollection.Name)]
public partial class CompletenessTests(ClubFinderApp app) : IAsyncLifetime
{
    AdminWorld world = null!;

    public async Task InitializeAsync() => world = await AdminWorld.CreateAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheFiguresMatchACountMadeDirectlyInSql()
    {
        // One open suggestion so that column is not trivially zero.
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(world.ClubA));
        await app.CreateClient().PostAsJsonAsync("/api/suggestions", new { kind = "correction", club = world.ClubA, topic = "other", text = "completeness" });
        var report = await AdminWorld.Bearer(app, world.AdminToken).GetFromJsonAsync<JsonElement>("/api/admin/completeness");
        var totals = report.GetProperty("totals");

        var staleBefore = DateOnly.FromDateTime(Warsaw.Now(app.Clock)).AddDays(-180);
        await using var db = await app.OpenConnectionAsync();
        async Task<int> Count(string where) => await db.ExecuteScalarAsync<int>($"SELECT count(*) FROM clubs WHERE status <> 'closed' AND ({where})",
            new { staleBefore = staleBefore.ToDateTime(TimeOnly.MinValue) });
        Assert.Equal(50, totals.GetProperty("reportedByCity").GetInt32());
        Assert.Equal(await Count("true"), totals.GetProperty("known").GetInt32());
        Assert.Equal(await Count("location IS NOT NULL"), totals.GetProperty("located").GetInt32());
        Assert.Equal(await Count("location IS NOT NULL AND location_precision = 'building'"), totals.GetProperty("atBuilding").GetInt32());
        Assert.Equal(await Count("id IN (SELECT club_id FROM sessions)"), totals.GetProperty("withTimetable").GetInt32());
        Assert.Equal(await Count("nullif(trim(phone), '') IS NOT NULL OR nullif(trim(email), '') IS NOT NULL OR nullif(trim(website), '') IS NOT NULL"),
            totals.GetProperty("withContacts").GetInt32());
        Assert.Equal(await Count("nullif(trim(description), '') IS NOT NULL"), totals.GetProperty("withDescription").GetInt32());
        Assert.Equal(await Count("last_verified_at >= @staleBefore::date"), totals.GetProperty("verifiedWithin180Days").GetInt32());
        Assert.Equal(await db.ExecuteScalarAsync<int>("SELECT count(*) FROM suggestions s JOIN clubs c ON c.id = s.club_id WHERE s.status = 'open' AND c.status <> 'closed'"),
            totals.GetProperty("openSuggestions").GetInt32());
        Assert.True(totals.GetProperty("openSuggestions").GetInt32() >= 1);
        Assert.Equal(totals.GetProperty("known").GetInt32(), report.GetProperty("clubs").GetArrayLength());
    }

    [Fact]
    public async Task ThePublicPagesFigureIsTheReportsCountAndFollowsANewClub()
    {
        var office = AdminWorld.Bearer(app, world.AdminToken);
        async Task<(int Listed, int Unlocated, int Located, int AwaitingPoint)> BothAsync()
        {
            var config = await app.GetJsonAsync<JsonElement>("/api/config");
            var totals = (await office.GetFromJsonAsync<JsonElement>("/api/admin/completeness")).GetProperty("totals");
            return (config.GetProperty("listedClubCount").GetInt32(), config.GetProperty("unlocatedClubCount").GetInt32(),
                totals.GetProperty("located").GetInt32(), totals.GetProperty("known").GetInt32() - totals.GetProperty("located").GetInt32());
        }
        static bool Same((int Listed, int Unlocated, int Located, int AwaitingPoint) f) => (f.Listed, f.Unlocated) == (f.Located, f.AwaitingPoint);

        var before = await Eventually.ValueAsync(BothAsync, Same);
        var created = await office.PostAsJsonAsync("/api/admin/clubs", new
        {
            slug = $"test-synthetic-{Guid.NewGuid():N}"[..30], name = "TEST synthetic club awaiting a point", organization = world.OrgA,
            languages = new[] { "pl" }, sessions = Array.Empty<object>(), closures = Array.Empty<object>(),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var after = await Eventually.ValueAsync(BothAsync, f => Same(f) && f.Unlocated == before.Unlocated + 1);
        Assert.Equal(before.Listed, after.Listed);
    }

    [Fact]
    public async Task AnOperatorSeesOnlyItsOwnClubsAsAToDoList()
    {
        var report = await AdminWorld.Bearer(app, world.OperatorAToken).GetFromJsonAsync<JsonElement>("/api/admin/completeness?operator=" + world.OrgB);
        var clubs = report.GetProperty("clubs").EnumerateArray().ToList();
        // The operator filter cannot widen an operator's view: B's clubs never appear.
        Assert.Empty(clubs);
        report = await AdminWorld.Bearer(app, world.OperatorAToken).GetFromJsonAsync<JsonElement>("/api/admin/completeness");
        clubs = report.GetProperty("clubs").EnumerateArray().ToList();
        Assert.Equal([world.ClubA], clubs.Select(c => c.GetProperty("slug").GetString()));
        Assert.Equal(1, report.GetProperty("totals").GetProperty("known").GetInt32());

        var filtered = await AdminWorld.Bearer(app, world.AdminToken).GetFromJsonAsync<JsonElement>("/api/admin/completeness?missing=timetable");
        Assert.All(filtered.GetProperty("clubs").EnumerateArray(), c => Assert.Contains("timetable", c.GetProperty("missing").EnumerateArray().Select(m => m.GetString())));
        Assert.Equal(HttpStatusCode.BadRequest, (await AdminWorld.Bearer(app, world.AdminToken).GetAsync("/api/admin/completeness?missing=weather")).StatusCode);
    }

    [Fact]
    public async Task ThePrintableRequestAndTheCsvShowExactlyTheMissingFields()
    {
        await using (var db = await app.OpenConnectionAsync())
        {
            // Club A now has a description and a phone; still no timetable and never verified. Club B's name is markup.
            await db.ExecuteAsync("UPDATE clubs SET description = 'TEST synthetic description', phone = '+48 12 000 00 00' WHERE slug = @a", new { a = world.ClubA });
            await db.ExecuteAsync("UPDATE clubs SET name = '<img src=x onerror=alert(1)> TEST' WHERE slug = @b", new { b = world.ClubB });
        }
        var admin = AdminWorld.Bearer(app, world.AdminToken);
        var html = await admin.GetStringAsync($"/api/admin/completeness/request/{world.OrgA}");
        var row = RowPattern().Matches(html).Single(m => m.Groups["club"].Value == world.ClubA).Groups["cells"].Value;
        Assert.Equal(["timetable", "verification"], GapPattern().Matches(row).Select(m => m.Groups["gap"].Value));
        Assert.Contains("@page { size: A4", html, StringComparison.Ordinal);
        Assert.Contains("/admin/", html, StringComparison.Ordinal);
        Assert.DoesNotContain(world.ClubB, html, StringComparison.Ordinal);

        var htmlB = await admin.GetStringAsync($"/api/admin/completeness/request/{world.OrgB}");
        Assert.DoesNotContain("<img", htmlB, StringComparison.Ordinal);
        Assert.Contains("&lt;img", htmlB, StringComparison.Ordinal);
        // Operator A may not print B's letter.
        Assert.Equal(HttpStatusCode.NotFound, (await AdminWorld.Bearer(app, world.OperatorAToken).GetAsync($"/api/admin/completeness/request/{world.OrgB}")).StatusCode);

        var csv = await admin.GetStringAsync($"/api/admin/completeness.csv?operator={world.OrgA}");
        var line = csv.Split("\r\n").Single(l => l.Contains(world.ClubA, StringComparison.Ordinal));
        Assert.EndsWith(",timetable;verification", line, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr data-club=\"(?<club>[^\"]+)\">(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("data-gap=\"(?<gap>[^\"]+)\"")]
    private static partial Regex GapPattern();
}
