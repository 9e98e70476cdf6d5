using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Infrastructure;
using Dapper;

namespace ClubFinder.Tests.Admin;

[Collection(AppCollection.Name)]
public class AdminApiTests(ClubFinderApp app) : IAsyncLifetime
{
    AdminWorld world = null!;

    public async Task InitializeAsync()
    {
        world = await AdminWorld.CreateAsync(app);
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(world.ClubA) && s.BySlug.ContainsKey(world.ClubB));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    async Task<(ClubDocument Doc, EntityTagHeaderValue ETag)> ReadAsync(HttpClient client, string slug)
    {
        var response = await client.GetAsync($"/api/admin/clubs/{slug}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<ClubDocument>(ClubFinderApp.Json))!, response.Headers.ETag!);
    }

    static Task<HttpResponseMessage> PutAsync(HttpClient client, string slug, ClubDocument doc, EntityTagHeaderValue? etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{slug}") { Content = JsonContent.Create(doc, options: ClubFinderApp.Json) };
        if (etag is not null) request.Headers.IfMatch.Add(etag);
        return client.SendAsync(request);
    }

    async Task<(string State, int Audit)> StateAsync()
    {
        await using var db = await app.OpenConnectionAsync();
        var state = await db.ExecuteScalarAsync<string>("SELECT string_agg(slug || ':' || xmin::text, ',' ORDER BY slug) FROM clubs WHERE slug IN (@a, @b)",
            new { a = world.ClubA, b = world.ClubB });
        var audit = await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log");
        return (state!, audit);
    }

    [Fact]
    public async Task TheAuthorizationMatrixHoldsAndRefusalsChangeNothing()
    {
        var admin = AdminWorld.Bearer(app, world.AdminToken);
        var (docA, etagA) = await ReadAsync(admin, world.ClubA);
        var clients = new Dictionary<string, HttpClient>
        {
            ["anonymous"] = app.CreateClient(),
            ["operatorA"] = AdminWorld.Bearer(app, world.OperatorAToken),
            ["operatorB"] = AdminWorld.Bearer(app, world.OperatorBToken),
            ["admin"] = admin,
        };
        var newOrg = JsonContent.Create(new { slug = "test-org-new-" + Guid.NewGuid().ToString("N")[..6], name = "TEST synthetic new operator", type = "ngo" });
        (string Name, Func<HttpClient, Task<HttpResponseMessage>> Call, Dictionary<string, HttpStatusCode> Expected)[] cases =
        [
            ("read A", c => c.GetAsync($"/api/admin/clubs/{world.ClubA}"), Expect(401, 200, 403, 200)),
            ("history A", c => c.GetAsync($"/api/admin/clubs/{world.ClubA}/history"), Expect(401, 200, 403, 200)),
            ("write A (no change)", c => PutAsync(c, world.ClubA, docA, etagA), Expect(401, 200, 403, 200)),
            ("move A to B's organization", c => PutAsync(c, world.ClubA, docA with { Organization = world.OrgB }, etagA), Expect(401, 403, 403, -1)),
            ("create in A", c => c.PostAsJsonAsync("/api/admin/clubs", docA with { Slug = "test-synthetic-new-" + Guid.NewGuid().ToString("N")[..8] }), Expect(401, 201, 403, 201)),
            ("list organizations", c => c.GetAsync("/api/admin/organizations"), Expect(401, 200, 200, 200)),
            ("create organization", c => c.PostAsync("/api/admin/organizations", newOrg), Expect(401, 403, 403, -1)),
            ("list users", c => c.GetAsync("/api/admin/users"), Expect(401, 403, 403, 200)),
            ("invite user", c => c.PostAsJsonAsync("/api/admin/users", new { email = "x@example.test", role = "Admin" }), Expect(401, 403, 403, -1)),
            ("import preview", c => c.PostAsync("/api/admin/import/clubs", new StringContent("slug,name\n", Encoding.UTF8, "text/csv")), Expect(401, 403, 403, -1)),
        ];
        foreach (var (name, call, expected) in cases)
            foreach (var (who, client) in clients)
            {
                if (!expected.TryGetValue(who, out var status)) continue;
                var before = await StateAsync();
                var response = await call(client);
                Assert.True(status == response.StatusCode, $"{name} as {who}: expected {(int)status}, got {(int)response.StatusCode}");
                if ((int)status >= 400)
                {
                    Assert.Equal(before, await StateAsync());
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
                if (name == "write A (no change)" && response.IsSuccessStatusCode) etagA = response.Headers.ETag!;
            }
    }

    static Dictionary<string, HttpStatusCode> Expect(int anonymous, int operatorA, int operatorB, int admin)
    {
        var expected = new Dictionary<string, HttpStatusCode>
        {
            ["anonymous"] = (HttpStatusCode)anonymous, ["operatorA"] = (HttpStatusCode)operatorA, ["operatorB"] = (HttpStatusCode)operatorB,
        };
        if (admin > 0) expected["admin"] = (HttpStatusCode)admin;
        return expected;
    }

    [Fact]
    public async Task TheSecondOfTwoConcurrentEditsGets412AndTheFirstIsKeptAndAudited()
    {
        var first = AdminWorld.Bearer(app, world.OperatorAToken);
        var second = await AdminWorld.SignInAsync(app, world.AdminEmail);
        var (doc1, etag1) = await ReadAsync(first, world.ClubA);
        var (doc2, etag2) = await ReadAsync(second, world.ClubA);
        Assert.Equal(etag1, etag2);

        var saved = await PutAsync(first, world.ClubA, doc1 with { Fee = "TEST fee from the operator" }, etag1);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stale = await PutAsync(second, world.ClubA, doc2 with { Description = "TEST description from the city office" }, etag2);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("TEST fee from the operator", problem.GetProperty("current").GetProperty("fee").GetString());
        Assert.Equal(saved.Headers.ETag, stale.Headers.ETag);

        // The second editor re-applies on the current version.
        var current = problem.GetProperty("current").Deserialize<ClubDocument>(ClubFinderApp.Json)!;
        var reapplied = await PutAsync(second, world.ClubA, current with { Description = "TEST description from the city office" }, stale.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, reapplied.StatusCode);

        var history = await first.GetFromJsonAsync<List<HistoryEntry>>($"/api/admin/clubs/{world.ClubA}/history", ClubFinderApp.Json);
        Assert.Equal(2, history!.Count);
        Assert.Equal(["description"], history[0].Changes);
        Assert.StartsWith(world.AdminEmail, history[0].Actor);
        Assert.Equal(["fee"], history[1].Changes);
        Assert.StartsWith(world.OperatorAEmail, history[1].Actor);
        Assert.Contains("API token", history[1].Actor);

        await app.WaitForReloadAsync(s => s.BySlug[world.ClubA].Club.Description == "TEST description from the city office");
        var details = await app.GetJsonAsync<ClubDetails>($"/api/clubs/{world.ClubA}");
        Assert.Equal("TEST fee from the operator", details.Fee);
        Assert.Equal("TEST description from the city office", details.Description);
    }

    [Fact]
    public async Task AWriteThroughOneInstanceIsServedByAnother()
    {
        await using var second = app.WithWebHostBuilder(_ => { });
        var other = second.CreateClient();
        var client = AdminWorld.Bearer(app, world.OperatorAToken);
        var (doc, etag) = await ReadAsync(client, world.ClubA);
        Assert.NotEqual("TEST fee seen by the other instance", (await other.GetFromJsonAsync<ClubDetails>($"/api/clubs/{world.ClubA}", ClubFinderApp.Json))!.Fee);

        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, world.ClubA, doc with { Fee = "TEST fee seen by the other instance" }, etag)).StatusCode);
        var fee = await Eventually.ValueAsync(async () => (await other.GetFromJsonAsync<ClubDetails>($"/api/clubs/{world.ClubA}", ClubFinderApp.Json))!.Fee,
            f => f == "TEST fee seen by the other instance");
        Assert.Equal("TEST fee seen by the other instance", fee);
    }

    [Fact]
    public async Task AWriteWithoutIfMatchIs428AndChangesNothing()
    {
        var client = AdminWorld.Bearer(app, world.OperatorAToken);
        var (doc, _) = await ReadAsync(client, world.ClubA);
        var before = await StateAsync();
        var response = await PutAsync(client, world.ClubA, doc with { Fee = "x" }, null);
        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task CookieWritesWithoutTheAntiforgeryTokenAreRefused()
    {
        var withoutToken = await AdminWorld.SignInAsync(app, world.OperatorAEmail, withAntiforgery: false);
        var (doc, etag) = await ReadAsync(withoutToken, world.ClubA);
        var before = await StateAsync();
        var refused = await PutAsync(withoutToken, world.ClubA, doc with { Fee = "TEST csrf" }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("antiforgery", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, await StateAsync());

        var withToken = await AdminWorld.SignInAsync(app, world.OperatorAEmail);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(withToken, world.ClubA, doc with { Fee = "TEST csrf" }, etag)).StatusCode);
    }

    [Fact]
    public async Task ARevokedTokenStopsWorking()
    {
        var admin = AdminWorld.Bearer(app, world.AdminToken);
        var created = await (await admin.PostAsJsonAsync("/api/admin/tokens", new { name = "TEST script" })).Content.ReadFromJsonAsync<CreatedToken>();
        var script = AdminWorld.Bearer(app, created!.Token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/admin/clubs")).StatusCode);
        var tokens = await admin.GetFromJsonAsync<List<TokenRow>>("/api/admin/tokens", ClubFinderApp.Json);
        Assert.Contains(tokens!, t => t.Id == created.Id && t.LastUsedAt is not null && created.Token.StartsWith(t.Prefix));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/tokens/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/admin/clubs")).StatusCode);
        await using var db = await app.OpenConnectionAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM api_tokens WHERE token_hash = @t", new { t = created.Token }));
    }

    [Fact]
    public async Task SignInFailuresAreGenericAndLockTheAccount()
    {
        var client = app.CreateClient();
        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.test", password = "whatever-123" });
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = world.OperatorBEmail, password = "wrong-password-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(),
            (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        for (var i = 0; i < 5; i++) await client.PostAsJsonAsync("/api/auth/login", new { email = world.OperatorBEmail, password = "wrong-password-1" });
        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email = world.OperatorBEmail, password = AdminWorld.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
    }

    [Fact]
    public async Task MovingTheMarkerRecomputesTheDistrictAndReachesThePublicApiAndOutsideKrakowIsRefused()
    {
        var client = AdminWorld.Bearer(app, world.OperatorAToken);
        var (doc, etag) = await ReadAsync(client, world.ClubA);
        var outside = await PutAsync(client, world.ClubA, doc with { Location = new LocationDocument(50.30, 19.50, "building") }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("outside Kraków", (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("location")[0].GetString());

        // Nowa Huta, district XVIII.
        var moved = await PutAsync(client, world.ClubA, doc with { Location = new LocationDocument(50.0720, 20.0370, "building"), Address = new AddressDocument("os. Testowe", "7", null) }, etag);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(18, (await moved.Content.ReadFromJsonAsync<ClubDocument>(ClubFinderApp.Json))!.District!.Number);
        await app.WaitForReloadAsync(s => s.BySlug[world.ClubA].District?.Number == 18);
        var details = await app.GetJsonAsync<ClubDetails>($"/api/clubs/{world.ClubA}");
        Assert.Equal(20.0370, details.Location.Lon, 6);
        var history = await client.GetFromJsonAsync<List<HistoryEntry>>($"/api/admin/clubs/{world.ClubA}/history", ClubFinderApp.Json);
        Assert.Equal("ul. Testowa", history![0].Before!.Value.GetProperty("address").GetProperty("street").GetString());
    }

    [Fact]
    public async Task OverlappingOrInvertedSessionsAreRejectedFieldByField()
    {
        var client = AdminWorld.Bearer(app, world.OperatorAToken);
        var (doc, etag) = await ReadAsync(client, world.ClubA);
        var response = await PutAsync(client, world.ClubA, doc with
        {
            Sessions = [new(2, "10:00", "12:00", "TEST a", null), new(2, "11:00", "13:00", "TEST b", null), new(3, "12:00", "11:00", "TEST c", null)],
        }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("sessions[1].startsAt", out _));
        Assert.True(errors.TryGetProperty("sessions[2].endsAt", out _));

        var ok = await PutAsync(client, world.ClubA, doc with
        {
            Sessions = [new(2, "10:00", "12:00", "TEST a", "1–3 lata"), new(2, "12:00", "13:00", "TEST b", null)],
            Closures = [new(new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 31), "TEST wakacje")],
        }, etag);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await app.WaitForReloadAsync(s => s.BySlug[world.ClubA].Club.Sessions.Count == 2);
    }

    [Fact]
    public async Task StoredMarkupIsReturnedAsPlainText()
    {
        const string attack = "<img src=x onerror=alert(1)>";
        var client = AdminWorld.Bearer(app, world.OperatorAToken);
        var (doc, etag) = await ReadAsync(client, world.ClubA);
        var saved = await PutAsync(client, world.ClubA, doc with { Name = attack, Description = "<script>alert(2)</script>", Fee = "\"><b>x</b>" }, etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await app.WaitForReloadAsync(s => s.BySlug[world.ClubA].Club.Name == attack);
        var details = await app.GetJsonAsync<ClubDetails>($"/api/clubs/{world.ClubA}");
        Assert.Equal(attack, details.Name);
        Assert.Equal("<script>alert(2)</script>", details.Description);
    }

    [Fact]
    public async Task ClubsNotVerifiedFor180DaysAreFlaggedToTheirOperator()
    {
        var client = AdminWorld.Bearer(app, world.OperatorAToken);
        var rows = await client.GetFromJsonAsync<List<AdminClubRow>>("/api/admin/clubs", ClubFinderApp.Json);
        Assert.All(rows!, r => Assert.Equal(world.OrgA, r.Organization));
        Assert.True(rows!.Single(r => r.Slug == world.ClubA).Stale);

        var (doc, etag) = await ReadAsync(client, world.ClubA);
        var today = DateOnly.FromDateTime(app.Clock.GetLocalNow().DateTime);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, world.ClubA, doc with { LastVerifiedAt = today }, etag)).StatusCode);
        rows = await client.GetFromJsonAsync<List<AdminClubRow>>("/api/admin/clubs?stale=true", ClubFinderApp.Json);
        Assert.DoesNotContain(rows!, r => r.Slug == world.ClubA);
    }

    [Fact]
    public async Task TheAdminSeesClubsAwaitingALocation()
    {
        var rows = await AdminWorld.Bearer(app, world.AdminToken).GetFromJsonAsync<List<AdminClubRow>>("/api/admin/clubs", ClubFinderApp.Json);
        Assert.Contains(rows!, r => r.Slug == "norwid-mistrzejowicki" && !r.Located);
    }

    [Fact]
    public async Task ResettingAccessRevokesTokensUnlocksAndGivesANewLink()
    {
        var admin = AdminWorld.Bearer(app, world.AdminToken);
        var operatorB = AdminWorld.Bearer(app, world.OperatorBToken);
        Assert.Equal(HttpStatusCode.OK, (await operatorB.GetAsync("/api/admin/clubs")).StatusCode);
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++) await anonymous.PostAsJsonAsync("/api/auth/login", new { email = world.OperatorBEmail, password = "wrong-password-1" });

        var users = await admin.GetFromJsonAsync<List<UserRow>>("/api/admin/users", ClubFinderApp.Json);
        var row = users!.Single(u => u.Email == world.OperatorBEmail);
        Assert.True(row.LockedOut);
        var reset = await admin.PostAsync($"/api/admin/users/{row.Id}/reset", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var link = (await reset.Content.ReadFromJsonAsync<AccessLink>())!.SetPasswordUrl;

        Assert.Equal(HttpStatusCode.Unauthorized, (await operatorB.GetAsync("/api/admin/clubs")).StatusCode);
        users = await admin.GetFromJsonAsync<List<UserRow>>("/api/admin/users", ClubFinderApp.Json);
        Assert.False(users!.Single(u => u.Email == world.OperatorBEmail).LockedOut);
        var token = System.Web.HttpUtility.ParseQueryString(link.Split("#set-password?")[1])["token"];
        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync("/api/auth/set-password", new { email = world.OperatorBEmail, token, password = "a-new-password-2026" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await anonymous.PostAsJsonAsync("/api/auth/login", new { email = world.OperatorBEmail, password = "a-new-password-2026" })).StatusCode);
        await using var db = await app.OpenConnectionAsync();
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE action = 'reset-access' AND entity_key = @e",
            new { e = world.OperatorBEmail }));
    }

    [Fact]
    public async Task AnInvitedOperatorSetsAPasswordAndSignsIn()
    {
        var admin = AdminWorld.Bearer(app, world.AdminToken);
        var email = $"invited-{Guid.NewGuid().ToString("N")[..8]}@example.test";
        var invite = await admin.PostAsJsonAsync("/api/admin/users", new { email, role = "Operator", organization = world.OrgA });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var link = (await invite.Content.ReadFromJsonAsync<AccessLink>())!.SetPasswordUrl;
        var query = System.Web.HttpUtility.ParseQueryString(link.Split("#set-password?")[1]);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest,
            (await anonymous.PostAsJsonAsync("/api/auth/set-password", new { email, token = query["token"], password = "short" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync("/api/auth/set-password", new { email, token = query["token"], password = "a-long-password-42" })).StatusCode);
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = "a-long-password-42" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var me = await login.Content.ReadFromJsonAsync<Me>();
        Assert.Equal(world.OrgA, me!.Organization);
    }
}
