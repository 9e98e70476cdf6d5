using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Tests.Admin;
using Dapper;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>Text PostgreSQL cannot store (NUL, unpaired surrogates) is a 400 naming the field, never a 500.</summary>
[Collection(AppCollection.Name)]
public class StorableTextTests(ClubFinderApp app) : IAsyncLifetime
{
    const string Nul = "\\u0000";
    AdminWorld world = null!;
    HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        world = await AdminWorld.CreateAsync(app);
        admin = AdminWorld.Bearer(app, world.AdminToken);
        // Both clubs, so that no reload of this test's data lands in the middle of a later test.
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(world.ClubA) && s.BySlug.ContainsKey(world.ClubB));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // The bodies are JSON text, so that the escapes reach the server exactly as written.
    [Theory]
    [InlineData("/api/auth/login", $$"""{"email":"a{{Nul}}@example.test","password":"x"}""", "email")]
    [InlineData("/api/auth/set-password", $$"""{"email":"a{{Nul}}@example.test","token":"t","password":"p"}""", "email")]
    [InlineData("/api/auth/set-password", $$"""{"email":"a@example.test","token":"t{{Nul}}","password":"p"}""", "token")]
    [InlineData("/api/auth/login", """{"email":"a\ud800@example.test","password":"x"}""", "email")]
    [InlineData("/api/auth/login", """{"email":"a@example.test","password":"\udc00"}""", "password")]
    public async Task AnonymousSignInRefusesUnstorableText(string url, string body, string field)
    {
        var response = await app.CreateClient().PostAsync(url, Json(body));
        await AssertFieldErrorAsync(response, field);
    }

    [Theory]
    [InlineData("/api/admin/tokens", $$"""{"name":"n{{Nul}}"}""", "name")]
    [InlineData("/api/admin/organizations", $$"""{"slug":"test-nul-org","name":"N{{Nul}}","type":"ngo"}""", "name")]
    [InlineData("/api/admin/organizations", $$"""{"slug":"test-nul{{Nul}}","name":"N","type":"ngo"}""", "slug")]
    [InlineData("/api/admin/users", $$"""{"email":"x{{Nul}}@example.test","role":"Operator","organization":"ORG"}""", "email")]
    [InlineData("/api/admin/users", $$"""{"email":"x@example.test","role":"Op{{Nul}}","organization":"ORG"}""", "role")]
    [InlineData("/api/admin/users", $$"""{"email":"x@example.test","role":"Operator","organization":"ORG{{Nul}}"}""", "organization")]
    [InlineData("/api/admin/clubs", $$"""{"slug":"test-nul{{Nul}}","name":"N","organization":"ORG"}""", "slug")]
    [InlineData("/api/admin/clubs", $$"""{"slug":"test-nul-club","name":"N","organization":"ORG{{Nul}}"}""", "organization")]
    [InlineData("/api/admin/clubs", $$"""{"slug":"test-nul-club","name":"N","organization":"ORG","languages":["pl","e{{Nul}}"]}""", "languages[1]")]
    [InlineData("/api/admin/clubs", $$"""{"slug":"test-nul-club","name":"N","organization":"ORG","sessions":[{"weekday":1,"startsAt":"10:00","title":"\udbff"}]}""", "sessions[0].title")]
    public async Task AdminWritesRefuseUnstorableTextNamingTheField(string url, string body, string field)
    {
        var response = await admin.PostAsync(url, Json(body.Replace("ORG", world.OrgA)));
        await AssertFieldErrorAsync(response, field);
        await using var db = await app.OpenConnectionAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE actor LIKE @admin AND action = 'create'",
            new { admin = world.AdminEmail + "%" }));
    }

    [Fact]
    public async Task APutWithNulInAFieldIsAFieldErrorAndChangesNothing()
    {
        var read = await admin.GetAsync($"/api/admin/clubs/{world.ClubA}");
        var doc = await read.Content.ReadAsStringAsync();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{world.ClubA}")
        {
            Content = Json(doc.Replace("\"ul. Testowa\"", $"\"ul. Testowa{Nul}\"")),
        };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        await AssertFieldErrorAsync(await admin.SendAsync(request), "address.street");
        Assert.Equal(read.Headers.ETag, (await admin.GetAsync($"/api/admin/clubs/{world.ClubA}")).Headers.ETag);
    }

    [Theory]
    [InlineData("/api/admin/clubs?stale=%00", "stale")]
    [InlineData("/api/admin/import/clubs?mode=preview&previewHash=%00", "previewHash")]
    [InlineData("/api/clubs?q=a%00b", "q")]
    [InlineData("/api/places?q=dab%00ska", "q")]
    [InlineData("/api/clubs/x/occurrences?from=%00", "from")]
    public async Task QueryStringsRefuseNul(string url, string field)
    {
        var response = url.Contains("import") ? await admin.PostAsync(url, new StringContent("slug\n", Encoding.UTF8, "text/csv")) : await admin.GetAsync(url);
        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task ACsvCellWithNulIsRefusedInItsRowNamingTheFieldAndNothingIsWritten()
    {
        var csv = $"slug,name,phone\n{world.ClubA},TEST synthetic,111\n{world.ClubB},TEST\0synthetic,222\n";
        var response = await admin.PostAsync("/api/admin/import/clubs?mode=preview", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await response.Content.ReadFromJsonAsync<ImportPreview>(ClubFinderApp.Json))!;
        var row = Assert.Single(preview.Rows, r => r.Outcome == "error");
        Assert.Equal(3, row.Row);
        Assert.Contains(row.Errors, e => e.StartsWith("name: ", StringComparison.Ordinal));
        var commit = await admin.PostAsync($"/api/admin/import/clubs?mode=commit&previewHash={preview.PreviewHash}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, commit.StatusCode);
        var doc = await admin.GetFromJsonAsync<ClubDocument>($"/api/admin/clubs/{world.ClubA}", ClubFinderApp.Json);
        Assert.Null(doc!.Phone);
    }

    [Fact]
    public async Task AnInvalidInvitationEmailIsReportedUnderEmail()
    {
        foreach (var email in new[] { "two words@example.test", new string('a', 300) + "@example.test" })
        {
            var response = await admin.PostAsJsonAsync("/api/admin/users", new { email, role = "Operator", organization = world.OrgA });
            var problem = await AssertFieldErrorAsync(response, "email");
            Assert.False(problem.GetProperty("errors").TryGetProperty("password", out _));
        }
    }

    [Fact]
    public void OnlyNulAndUnpairedSurrogatesAreUnstorable()
    {
        // In code, not attributes: test runners replace lone surrogates in attribute strings.
        foreach (var text in new[] { "plain text", "Zażółć 😀", "\u0001\t\uffff", "" })
            Assert.True(StorableText.IsStorable(text), text);
        foreach (var text in new[] { "a\0b", "\ud800", "x\udc00", "\ud83d\ude00\ud83d", "\udc00\ud800", "a\ufffeb" })
            Assert.False(StorableText.IsStorable(text), JsonSerializer.Serialize(text));
    }

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    static async Task<JsonElement> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error for '{field}': {body}");
        return problem;
    }
}
