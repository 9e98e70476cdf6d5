using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Places;
using ClubFinder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClubFinder.Tests.Admin;

/// <summary>Malformed bodies, races and deployment settings that must not turn into 500s or silent writes.</summary>
[Collection(AppCollection.Name)]
public class AdminHardeningTests(ClubFinderApp app) : IAsyncLifetime
{
    AdminWorld world = null!;
    HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        world = await AdminWorld.CreateAsync(app);
        admin = AdminWorld.Bearer(app, world.AdminToken);
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(world.ClubA));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("""{"name":"x","organization":"ORG","sessions":[null]}""", "sessions")]
    [InlineData("""{"name":"x","organization":"ORG","closures":[null]}""", "closures")]
    [InlineData("""{"name":"x","organization":"ORG","languages":[null]}""", "languages")]
    public async Task NullEntriesInTheDocumentAreFieldErrorsNot500s(string body, string field)
    {
        var read = await admin.GetAsync($"/api/admin/clubs/{world.ClubA}");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{world.ClubA}")
        {
            Content = new StringContent(body.Replace("ORG", world.OrgA), Encoding.UTF8, "application/json"),
        };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task MalformedJsonIsA400Problem(string body)
    {
        var response = await admin.PostAsync("/api/admin/clubs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnOverlongSlugIsAFieldError()
    {
        var slug = new string('a', 130);
        var club = await admin.PostAsJsonAsync("/api/admin/clubs", new { slug, name = "TEST synthetic", organization = world.OrgA });
        var org = await admin.PostAsJsonAsync("/api/admin/organizations", new { slug, name = "TEST synthetic", type = "ngo" });
        Assert.Equal(HttpStatusCode.BadRequest, club.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, org.StatusCode);
    }

    [Fact]
    public async Task ConcurrentCreatesOfOneSlugGiveOneClubAndFieldErrors()
    {
        var slug = "test-synthetic-race-" + Guid.NewGuid().ToString("N")[..8];
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostAsJsonAsync("/api/admin/clubs",
            new { slug, name = "TEST synthetic race", organization = world.OrgA, location = new { lat = 50.06, lon = 19.94, precision = "building" } })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task APreviewHashDoesNotCommitADifferentFile()
    {
        var previewed = $"slug,phone\n{world.ClubA},111 111 111\n";
        var other = $"slug,phone\n{world.ClubA},999 999 999\n";
        var preview = await (await admin.PostAsync("/api/admin/import/clubs?mode=preview", new StringContent(previewed, Encoding.UTF8, "text/csv")))
            .Content.ReadFromJsonAsync<ImportPreview>(ClubFinderApp.Json);
        var commit = await admin.PostAsync($"/api/admin/import/clubs?mode=commit&previewHash={preview!.PreviewHash}",
            new StringContent(other, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        var doc = await admin.GetFromJsonAsync<ClubDocument>($"/api/admin/clubs/{world.ClubA}", ClubFinderApp.Json);
        Assert.NotEqual("999 999 999", doc!.Phone);
    }

    [Fact]
    public async Task RefusalsHaveBilingualTitles()
    {
        var forbidden = await AdminWorld.Bearer(app, world.OperatorAToken).GetAsync("/api/admin/users");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Brak uprawnień / Forbidden", (await forbidden.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        var unauthorized = await app.CreateClient().GetAsync("/api/admin/clubs");
        Assert.Equal("Wymagane logowanie / Sign-in required", (await unauthorized.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ARenamedClubIsFoundByItsNewNameInAddressSearch()
    {
        var read = await admin.GetAsync($"/api/admin/clubs/{world.ClubA}");
        var doc = (await read.Content.ReadFromJsonAsync<ClubDocument>(ClubFinderApp.Json))!;
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{world.ClubA}")
        {
            Content = JsonContent.Create(doc with { Name = "TEST Zzyzx Klub Przemianowany" }, options: ClubFinderApp.Json),
        };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(request)).StatusCode);
        var places = await app.GetJsonAsync<List<PlaceSuggestion>>("/api/places?q=zzyzx%20klub");
        Assert.Equal("TEST Zzyzx Klub Przemianowany", places[0].Label);
    }

    [Fact]
    public async Task InProductionOverPlainHttpSignInWorksWhenHttpsIsNotRequired()
    {
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Auth:RequireHttps", "false")
            .UseSetting("App:PublicBaseUrl", "http://localhost"));
        var client = production.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = world.OperatorAEmail, password = AdminWorld.Password })).StatusCode);
        var token = await client.GetFromJsonAsync<AntiforgeryToken>("/api/auth/antiforgery");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token!.Token);
        var read = await client.GetAsync($"/api/admin/clubs/{world.ClubA}");
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{world.ClubA}")
        {
            Content = JsonContent.Create(await read.Content.ReadFromJsonAsync<ClubDocument>(ClubFinderApp.Json), options: ClubFinderApp.Json),
        };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task SwaggerCannotBeFramed()
    {
        var response = await app.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
