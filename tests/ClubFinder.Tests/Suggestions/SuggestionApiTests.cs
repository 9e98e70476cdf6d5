using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Admin;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClubFinder.Tests.Suggestions;

[Collection(AppCollection.Name)]
public class SuggestionApiTests(ClubFinderApp app) : IAsyncLifetime
{
    const string Markup = "<img src=x onerror=alert(1)><b>pogrubione</b> & \"cudzysłów\"";
    AdminWorld world = null!;

    public async Task InitializeAsync()
    {
        world = await AdminWorld.CreateAsync(app);
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(world.ClubA) && s.BySlug.ContainsKey(world.ClubB));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    static object Correction(string club, string text, string? email = null) =>
        new { kind = "correction", club, topic = "hours", text, email, emailConsent = email is not null };

    static object MissingClub(string name) =>
        new { kind = "missing-club", name, place = "TEST synthetic place, ul. Testowa 1", @operator = "TEST synthetic operator", link = "https://example.test/klub" };

    static async Task<List<JsonElement>> QueueAsync(HttpClient client, string query = "status=all")
    {
        var response = await client.GetAsync($"/api/admin/suggestions?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<JsonElement>>())!;
    }

    static long IdOf(List<JsonElement> queue, string text) =>
        queue.Single(s => s.GetProperty("text").GetString() == text || s.GetProperty("name").GetString() == text).GetProperty("id").GetInt64();

    async Task<string?> EmailInDatabaseAsync(long id)
    {
        await using var db = await app.OpenConnectionAsync();
        return await db.ExecuteScalarAsync<string?>("SELECT email FROM suggestions WHERE id = @id", new { id });
    }

    [Fact]
    public async Task AnAnonymousCorrectionIsAcceptedWithoutRevealingOtherSuggestions()
    {
        var text = $"Godziny się zmieniły {Guid.NewGuid():N}";
        var response = await app.CreateClient().PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, text, "rodzic@example.test"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("received").GetBoolean());
        Assert.Equal(90, body.GetProperty("emailKeptDays").GetInt32());
        Assert.False(body.TryGetProperty("id", out _));
        Assert.Null(response.Headers.Location);
        var id = IdOf(await QueueAsync(AdminWorld.Bearer(app, world.AdminToken)), text);
        Assert.Equal("rodzic@example.test", await EmailInDatabaseAsync(id));
    }

    [Fact]
    public async Task OperatorASeesCorrectionsAboutItsClubsButNotBsNorMissingClubReports()
    {
        string aboutA = $"O klubie A {Guid.NewGuid():N}", aboutB = $"O klubie B {Guid.NewGuid():N}", missing = $"TEST synthetic missing club {Guid.NewGuid():N}";
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, aboutA))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/suggestions", Correction(world.ClubB, aboutB))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/suggestions", MissingClub(missing))).StatusCode);

        var adminQueue = await QueueAsync(AdminWorld.Bearer(app, world.AdminToken));
        var operatorA = AdminWorld.Bearer(app, world.OperatorAToken);
        var queueA = await QueueAsync(operatorA);
        Assert.Contains(queueA, s => s.GetProperty("text").GetString() == aboutA);
        Assert.DoesNotContain(queueA, s => s.GetProperty("text").GetString() == aboutB);
        Assert.DoesNotContain(queueA, s => s.GetProperty("kind").GetString() == "missing-club");
        Assert.All(queueA, s => Assert.Equal(world.ClubA, s.GetProperty("club").GetProperty("slug").GetString()));
        // What A may not see does not exist for A, even by id.
        Assert.Equal(HttpStatusCode.NotFound, (await operatorA.GetAsync($"/api/admin/suggestions/{IdOf(adminQueue, aboutB)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorA.GetAsync($"/api/admin/suggestions/{IdOf(adminQueue, missing)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await operatorA.PostAsJsonAsync($"/api/admin/suggestions/{IdOf(adminQueue, aboutB)}/dismiss",
            new { reason = "nie moje" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/suggestions")).StatusCode);

        // The club list shows open suggestions per club.
        var clubs = await operatorA.GetFromJsonAsync<List<JsonElement>>("/api/admin/clubs");
        Assert.True(clubs!.Single(c => c.GetProperty("slug").GetString() == world.ClubA).GetProperty("openSuggestions").GetInt32() >= 1);
    }

    [Fact]
    public async Task MarkupIsStoredAndReturnedAsText()
    {
        var text = $"{Markup} {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, text))).StatusCode);
        var queue = await QueueAsync(AdminWorld.Bearer(app, world.OperatorAToken));
        Assert.Contains(queue, s => s.GetProperty("text").GetString() == text);
    }

    [Fact]
    public async Task TheHoneypotIsRefusedAndNothingIsStored()
    {
        var text = $"Robot {Guid.NewGuid():N}";
        var response = await app.CreateClient().PostAsJsonAsync("/api/suggestions",
            new { kind = "correction", club = world.ClubA, topic = "other", text, website = "https://spam.example.test" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("website", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await using var db = await app.OpenConnectionAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM suggestions WHERE text = @text", new { text }));
    }

    [Theory]
    [InlineData("""{"kind":"correction","topic":"hours","text":"x"}""", "club")]
    [InlineData("""{"kind":"correction","club":"no-such-club-anywhere","topic":"hours","text":"x"}""", "club")]
    [InlineData("""{"kind":"correction","club":"CLUB","topic":"weather","text":"x"}""", "topic")]
    [InlineData("""{"kind":"correction","club":"CLUB","topic":"hours","text":"   "}""", "text")]
    [InlineData("""{"kind":"correction","club":"CLUB","topic":"hours","text":"x","email":"a@b.pl"}""", "emailConsent")]
    [InlineData("""{"kind":"correction","club":"CLUB","topic":"hours","text":"x","email":"not an address","emailConsent":true}""", "email")]
    [InlineData("""{"kind":"missing-club","place":"ul. Testowa 1"}""", "name")]
    [InlineData("""{"kind":"missing-club","name":"TEST","place":"ul. Testowa 1","link":"javascript:alert(1)"}""", "link")]
    [InlineData("""{"kind":"spam"}""", "kind")]
    public async Task InvalidSuggestionsAreValidationProblemsNamingTheField(string json, string field)
    {
        var response = await app.CreateClient().PostAsync("/api/suggestions",
            new StringContent(json.Replace("CLUB", world.ClubA, StringComparison.Ordinal), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task TextOverTheCapsIsRefused()
    {
        var tooLong = await app.CreateClient().PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, new string('x', 2001)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var json = JsonSerializer.Serialize(Correction(world.ClubA, "x")).Replace("\"text\":\"x\"", $"\"text\":\"x\",\"padding\":\"{new string('p', 20_000)}\"", StringComparison.Ordinal);
        var tooBig = await app.CreateClient().PostAsync("/api/suggestions", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
    }

    [Fact]
    public async Task AClientOverTheHourlyLimitGets429WithRetryAfterUntilTheHourHasPassed()
    {
        var clock = new FakeTimeProvider(ClubFinderApp.DefaultNow.ToUniversalTime());
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Suggestions:PerClientPerHour", "2")
            .ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = limited.CreateClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, $"limit {i} {Guid.NewGuid():N}"))).StatusCode);

        var refused = await client.PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, $"limit 3 {Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.InRange(retryAfter!.Value.TotalSeconds, 1, 3600);

        clock.Advance(retryAfter.Value);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, $"limit 4 {Guid.NewGuid():N}"))).StatusCode);
    }

    [Fact]
    public async Task AcceptingACorrectionSavesTheClubWithAnAuditEntryNamingTheSuggestion()
    {
        var text = $"Nowy telefon {Guid.NewGuid():N}";
        await app.CreateClient().PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, text, "rodzic@example.test"));
        var operatorA = AdminWorld.Bearer(app, world.OperatorAToken);
        var id = IdOf(await QueueAsync(operatorA), text);

        var read = await operatorA.GetAsync($"/api/admin/clubs/{world.ClubA}");
        var doc = (await read.Content.ReadFromJsonAsync<ClubDocument>(ClubFinderApp.Json))! with { Phone = "+48 12 000 00 00" };
        // Operator B cannot accept it: for B it does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await PutAcceptAsync(AdminWorld.Bearer(app, world.OperatorBToken), id, doc, read.Headers.ETag)).StatusCode);
        // An invalid document leaves the suggestion open.
        Assert.Equal(HttpStatusCode.BadRequest, (await PutAcceptAsync(operatorA, id, doc with { Name = "" }, read.Headers.ETag)).StatusCode);
        Assert.Equal("rodzic@example.test", await EmailInDatabaseAsync(id));

        var accepted = await PutAcceptAsync(operatorA, id, doc, read.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var history = await operatorA.GetFromJsonAsync<List<JsonElement>>($"/api/admin/clubs/{world.ClubA}/history");
        var latest = history![0];
        Assert.Equal(id, latest.GetProperty("suggestionId").GetInt64());
        Assert.Contains("phone", latest.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        var row = await operatorA.GetFromJsonAsync<JsonElement>($"/api/admin/suggestions/{id}");
        Assert.Equal("accepted", row.GetProperty("status").GetString());
        Assert.Null(await EmailInDatabaseAsync(id));
        // Closed means closed: a second accept is a conflict, not a second edit.
        Assert.Equal(HttpStatusCode.Conflict, (await PutAcceptAsync(operatorA, id, doc, accepted.Headers.ETag)).StatusCode);
    }

    static Task<HttpResponseMessage> PutAcceptAsync(HttpClient client, long id, ClubDocument doc, EntityTagHeaderValue? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/suggestions/{id}/club") { Content = JsonContent.Create(doc, options: ClubFinderApp.Json) };
        if (etag is not null) request.Headers.IfMatch.Add(etag);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task AcceptingAMissingClubCreatesItAndOnlyTheCityOfficeMay()
    {
        var name = $"TEST synthetic missing club {Guid.NewGuid():N}";
        await app.CreateClient().PostAsJsonAsync("/api/suggestions", MissingClub(name));
        var admin = AdminWorld.Bearer(app, world.AdminToken);
        var id = IdOf(await QueueAsync(admin), name);
        var slug = $"test-synthetic-{Guid.NewGuid():N}"[..30];
        var doc = new ClubDocument
        {
            Slug = slug, Name = name, Organization = world.OrgA, Status = "active",
            Address = new AddressDocument("ul. Testowa", "1", null), Location = new LocationDocument(50.0650, 19.9450, "building"),
        };
        Assert.Equal(HttpStatusCode.NotFound, (await AdminWorld.Bearer(app, world.OperatorAToken).PostAsJsonAsync($"/api/admin/suggestions/{id}/club", doc, ClubFinderApp.Json)).StatusCode);

        var created = await admin.PostAsJsonAsync($"/api/admin/suggestions/{id}/club", doc, ClubFinderApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var history = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/admin/clubs/{slug}/history");
        Assert.Equal("create", history!.Single().GetProperty("action").GetString());
        Assert.Equal(id, history!.Single().GetProperty("suggestionId").GetInt64());
    }

    [Fact]
    public async Task DismissingNeedsAReasonAndDeletesTheEmail()
    {
        var text = $"Do odrzucenia {Guid.NewGuid():N}";
        await app.CreateClient().PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, text, "rodzic@example.test"));
        var operatorA = AdminWorld.Bearer(app, world.OperatorAToken);
        var id = IdOf(await QueueAsync(operatorA), text);

        var noReason = await operatorA.PostAsJsonAsync($"/api/admin/suggestions/{id}/dismiss", new { reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal("rodzic@example.test", await EmailInDatabaseAsync(id));

        var dismissed = await operatorA.PostAsJsonAsync($"/api/admin/suggestions/{id}/dismiss", new { reason = "Dane są aktualne." });
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        var row = await dismissed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("dismissed", row.GetProperty("status").GetString());
        Assert.Equal("Dane są aktualne.", row.GetProperty("closeReason").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("email").ValueKind);
        Assert.Null(await EmailInDatabaseAsync(id));
        Assert.DoesNotContain(await QueueAsync(operatorA, "status=open"), s => s.GetProperty("id").GetInt64() == id);
        Assert.Equal(HttpStatusCode.Conflict, (await operatorA.PostAsJsonAsync($"/api/admin/suggestions/{id}/dismiss", new { reason = "again" })).StatusCode);
    }

    [Fact]
    public async Task AnOpenSuggestionsEmailIsDeletedByTheScheduledCleanUpAfter90Days()
    {
        var clock = new FakeTimeProvider(ClubFinderApp.DefaultNow.AddYears(1).ToUniversalTime());
        await using var later = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = later.CreateClient();
        string old = $"Stare {Guid.NewGuid():N}", recent = $"Nowe {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, old, "stary@example.test"))).StatusCode);
        var admin = AdminWorld.Bearer(app, world.AdminToken);
        var oldId = IdOf(await QueueAsync(admin), old);

        clock.Advance(TimeSpan.FromDays(89));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/suggestions", Correction(world.ClubA, recent, "nowy@example.test"))).StatusCode);
        var recentId = IdOf(await QueueAsync(admin), recent);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));

        Assert.Null(await Eventually.ValueAsync(() => EmailInDatabaseAsync(oldId), e => e is null));
        Assert.Equal("nowy@example.test", await EmailInDatabaseAsync(recentId));
        // Still open: only the personal data went.
        Assert.Equal("open", (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/suggestions/{oldId}")).GetProperty("status").GetString());
    }
}
