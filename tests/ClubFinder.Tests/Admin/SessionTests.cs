using System.Net;
using System.Net.Http.Json;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClubFinder.Tests.Admin;

/// <summary>Sign-out and reset access end every copy of a cookie at once; API tokens expire.</summary>
[Collection(AppCollection.Name)]
public class SessionTests(ClubFinderApp app) : IAsyncLifetime
{
    AdminWorld world = null!;

    public async Task InitializeAsync() => world = await AdminWorld.CreateAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ACookieCopiedBeforeSignOutStopsWorkingAtSignOut()
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { email = world.OperatorAEmail, password = AdminWorld.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var copy = CopyOfCookies(login);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/admin/me")).StatusCode);
        var antiforgery = await browser.GetFromJsonAsync<AntiforgeryToken>("/api/auth/antiforgery");
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", antiforgery!.Token);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/admin/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/admin/me")).StatusCode);
    }

    [Fact]
    public async Task AfterResetAccessAnOldCookieCannotSaveAClubEdit()
    {
        var operatorA = await AdminWorld.SignInAsync(app, world.OperatorAEmail);
        var read = await operatorA.GetAsync($"/api/admin/clubs/{world.ClubA}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var document = (await read.Content.ReadFromJsonAsync<ClubDocument>(ClubFinderApp.Json))!;

        var admin = AdminWorld.Bearer(app, world.AdminToken);
        var users = await admin.GetFromJsonAsync<List<UserRow>>("/api/admin/users", ClubFinderApp.Json);
        var id = users!.Single(u => u.Email == world.OperatorAEmail).Id;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/admin/users/{id}/reset", null)).StatusCode);

        var edit = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{world.ClubA}")
        {
            Content = JsonContent.Create(document with { Name = "TEST edited after reset" }, options: ClubFinderApp.Json),
        };
        edit.Headers.IfMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await operatorA.SendAsync(edit)).StatusCode);
        await using var db = await app.OpenConnectionAsync();
        Assert.NotEqual("TEST edited after reset", await db.ExecuteScalarAsync<string>("SELECT name FROM clubs WHERE slug = @slug", new { slug = world.ClubA }));
    }

    [Fact]
    public async Task NewTokensExpireInAYearUnlessAnotherLifetimeIsChosenAndTheListShowsIt()
    {
        var client = AdminWorld.Bearer(app, world.OperatorAToken);
        var now = app.Clock.GetUtcNow();
        var byDefault = await client.PostAsJsonAsync("/api/admin/tokens", new { name = "default lifetime" });
        Assert.Equal(HttpStatusCode.OK, byDefault.StatusCode);
        Assert.Equal(now.AddDays(365), (await byDefault.Content.ReadFromJsonAsync<CreatedToken>(ClubFinderApp.Json))!.ExpiresAt);
        var shortLived = await client.PostAsJsonAsync("/api/admin/tokens", new { name = "thirty days", expiresInDays = 30 });
        Assert.Equal(HttpStatusCode.OK, shortLived.StatusCode);
        var secret = (await shortLived.Content.ReadFromJsonAsync<CreatedToken>(ClubFinderApp.Json))!.Token;
        Assert.Equal(HttpStatusCode.OK, (await AdminWorld.Bearer(app, secret).GetAsync("/api/admin/me")).StatusCode);

        var rows = (await client.GetFromJsonAsync<List<TokenRow>>("/api/admin/tokens", ClubFinderApp.Json))!;
        Assert.Equal(now.AddDays(365), rows.Single(r => r.Name == "default lifetime").ExpiresAt);
        Assert.Equal(now.AddDays(30), rows.Single(r => r.Name == "thirty days").ExpiresAt);
        Assert.All(rows, r => Assert.False(r.Expired));

        foreach (var days in new[] { 0, -1, 731 })
        {
            var refused = await client.PostAsJsonAsync("/api/admin/tokens", new { name = "bad lifetime", expiresInDays = days });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("expiresInDays", await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedAndListedAsExpired()
    {
        // A token made 366 days ago with the default lifetime of one year.
        var then = new FakeTimeProvider(app.Clock.GetUtcNow().AddDays(-366));
        string secret;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync(world.OperatorBEmail);
            (_, secret) = await TokenCommands.CreateAsync(scope.ServiceProvider.GetRequiredService<ClubFinderDb>(), user!.Id, "old script", then);
        }

        var response = await AdminWorld.Bearer(app, secret).GetAsync($"/api/admin/clubs/{world.ClubB}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var rows = await AdminWorld.Bearer(app, world.OperatorBToken).GetFromJsonAsync<List<TokenRow>>("/api/admin/tokens", ClubFinderApp.Json);
        Assert.True(rows!.Single(r => r.Name == "old script").Expired);
        Assert.False(rows!.Single(r => r.Name == "test").Expired);
    }

    /// <summary>Another client that sends exactly the cookies the browser holds now, as a stolen copy would.</summary>
    HttpClient CopyOfCookies(HttpResponseMessage response)
    {
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        Assert.Contains(cookies, c => c.StartsWith("clubfinder.auth", StringComparison.Ordinal));
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        return copy;
    }
}
