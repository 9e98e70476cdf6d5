using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Tests.Data;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ClubFinder.Tests.Admin;

/// <summary>
/// Every club writer goes through one check: the same invalid club (a point outside Kraków,
/// overlapping sessions, a bad slug, a NUL in the name) gets the same field error from the admin
/// API's POST and PUT, both ways of accepting a suggestion, the CSV import and the JSON import,
/// and none of them writes anything. The CSV has no timetable columns, and an update keeps the slug
/// of its address, so those writers are left out of the cases they cannot carry.
/// </summary>
[Collection(AppCollection.Name)]
public partial class OneWritePathTests(ClubFinderApp app) : IAsyncLifetime
{
    const double OutsideLat = 50.2500, OutsideLon = 19.5000; // Alwernia area: outside Kraków

    AdminWorld world = null!;
    HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        world = await AdminWorld.CreateAsync(app);
        admin = AdminWorld.Bearer(app, world.AdminToken);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A valid new club (TEST synthetic, in the Old Town) with one defect.</summary>
    ClubDocument ClubWith(string defect)
    {
        var club = new ClubDocument
        {
            Slug = $"test-synthetic-{Guid.NewGuid():N}"[..30],
            Name = "TEST synthetic one-path club",
            Organization = world.OrgA,
            Address = new AddressDocument("ul. Testowa", "1", null),
            Location = new LocationDocument(50.0614, 19.9366, LocationPrecision.Building),
            Languages = ["pl"],
            Sessions = [new(2, "10:00", "12:00", "TEST a", null), new(2, "12:00", "13:00", "TEST b", null)],
            Closures = [],
        };
        return defect switch
        {
            "outside-krakow" => club with { Location = new LocationDocument(OutsideLat, OutsideLon, LocationPrecision.Building) },
            "overlapping-sessions" => club with { Sessions = [new(2, "10:00", "12:00", "TEST a", null), new(2, "11:00", "13:00", "TEST b", null)] },
            "bad-slug" => club with { Slug = "TEST Zły Slug!" },
            "nul-in-name" => club with { Name = "TEST synthetic\0club" },
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
    }

    [Theory]
    [InlineData("outside-krakow", "location")]
    [InlineData("overlapping-sessions", "sessions[1].startsAt")]
    [InlineData("bad-slug", "slug")]
    [InlineData("nul-in-name", "name")]
    public async Task TheSameInvalidClubGetsTheSameFieldErrorFromEveryWriterAndNothingIsWritten(string defect, string field)
    {
        var club = ClubWith(defect);
        var reference = await FromProblemAsync(await admin.PostAsJsonAsync("/api/admin/clubs", club, ClubFinderApp.Json));
        Assert.Equal([field], reference.Keys);
        var expected = Format(reference);
        var writers = new Dictionary<string, string>
        {
            ["accepting a missing-club suggestion"] = Format(await FromProblemAsync(await admin.PostAsJsonAsync(
                $"/api/admin/suggestions/{await SuggestionAsync(new { kind = "missing-club", name = "TEST synthetic missing club", place = "TEST ul. Testowa 1" })}/club",
                club, ClubFinderApp.Json))),
            ["the JSON import (and the command line)"] = Format(await FromJsonImportAsync(Json(club))),
        };
        var (current, etag) = await ReadAsync(world.ClubA);
        if (defect != "bad-slug") // an update's slug is its address
        {
            var update = club with { Slug = current.Slug };
            writers["PUT /api/admin/clubs/{slug}"] = Format(await FromProblemAsync(await SendAsync(HttpMethod.Put, $"/api/admin/clubs/{world.ClubA}", update, etag)));
            var correction = await SuggestionAsync(new { kind = "correction", club = world.ClubA, topic = "address", text = $"TEST synthetic {defect}" });
            writers["accepting a correction"] = Format(await FromProblemAsync(await SendAsync(HttpMethod.Put, $"/api/admin/suggestions/{correction}/club", update, etag)));
        }
        if (defect != "overlapping-sessions") // the CSV has no timetable columns
            writers["the CSV import"] = Format(await FromCsvAsync(club));
        foreach (var (writer, errors) in writers)
            Assert.True(errors == expected, $"{writer} said:\n{errors}\nthe admin API said:\n{expected}");

        await using var db = await app.OpenConnectionAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM clubs WHERE slug = @Slug OR name = @Name", new { club.Slug, Name = club.Name!.Replace("\0", "") })); // PostgreSQL cannot even compare a NUL
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM suggestions WHERE status <> 'open' AND text LIKE 'TEST synthetic %'"));
        var (after, afterTag) = await ReadAsync(world.ClubA);
        Assert.Equal((etag, current.Name, current.Location), (afterTag, after.Name, after.Location));
    }

    [Fact]
    public async Task AJsonImportIsRefusedWhatTheAdminApiRefuses()
    {
        // Before the one path, the command line accepted an e-mail without @, a website without
        // http(s) and an unknown language code that the admin API refuses.
        var club = Json(ClubWith("outside-krakow") with
        {
            Location = new LocationDocument(50.0614, 19.9366, LocationPrecision.Building),
            Email = "not-an-address", Website = "javascript:alert(1)", Languages = ["polski!"],
        });
        var errors = await FromJsonImportAsync(club);
        Assert.Equal(["email", "languages", "website"], errors.Keys.Order());
    }

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, ClubDocument doc, string etag)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(doc, options: ClubFinderApp.Json) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await admin.SendAsync(request);
    }

    async Task<(ClubDocument Doc, string ETag)> ReadAsync(string slug)
    {
        var response = await admin.GetAsync($"/api/admin/clubs/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<ClubDocument>(ClubFinderApp.Json))!, response.Headers.ETag!.Tag);
    }

    async Task<long> SuggestionAsync(object suggestion)
    {
        var sent = await app.CreateClient().PostAsJsonAsync("/api/suggestions", suggestion);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        await using var db = await app.OpenConnectionAsync();
        return await db.ExecuteScalarAsync<long>("SELECT max(id) FROM suggestions");
    }

    static async Task<Dictionary<string, string[]>> FromProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body).GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    async Task<Dictionary<string, string[]>> FromCsvAsync(ClubDocument club)
    {
        static string Cell(string? text) => "\"" + (text ?? "").Replace("\"", "\"\"") + "\"";
        static string Number(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var csv = "slug,name,operator_slug,street,house_number,lat,lon,location_precision\n" +
                  $"{Cell(club.Slug)},{Cell(club.Name)},{club.Organization},{Cell(club.Address!.Street)},{club.Address.HouseNumber}," +
                  $"{Number(club.Location!.Lat)},{Number(club.Location.Lon)},{club.Location.Precision}\n";
        var response = await admin.PostAsync("/api/admin/import/clubs?mode=preview", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single((await response.Content.ReadFromJsonAsync<ImportPreview>(ClubFinderApp.Json))!.Rows);
        Assert.Equal("error", row.Outcome);
        return Group(row.Errors.Select(e => e.Split(": ", 2)).Select(p => (p[0], p[1])));
    }

    async Task<Dictionary<string, string[]>> FromJsonImportAsync(JsonObject club)
    {
        var file = MigrationAndImportTests.WriteClubsFile(club);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var error = await Assert.ThrowsAsync<ImportException>(() => scope.ServiceProvider.GetRequiredService<ClubImporter>().ImportAsync(file));
            return Group(error.Errors.Select(e => FieldError().Match(e)).Select(m =>
            {
                Assert.True(m.Success, $"not a field error: {m.Value}");
                return (m.Groups[1].Value, m.Groups[2].Value);
            }));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The club as a row of data/clubs.json, with its operator as the file names it.</summary>
    JsonObject Json(ClubDocument doc)
    {
        var node = JsonSerializer.SerializeToNode(doc, ClubFinderApp.Json)!.AsObject();
        node.Remove("organization");
        node["operator"] = new JsonObject { ["slug"] = world.OrgA, ["name"] = "TEST synthetic operator A", ["type"] = "ngo" };
        return node;
    }

    static Dictionary<string, string[]> Group(IEnumerable<(string Field, string Message)> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());

    static string Format(Dictionary<string, string[]> errors) =>
        string.Join("\n", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"));

    [GeneratedRegex(@"field '([^']+)': (.*)$")]
    private static partial Regex FieldError();
}
