using System.Net;
using System.Net.Http.Json;
using ClubFinder.Api.Admin;
using ClubFinder.Tests.Admin;
using ClubFinder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClubFinder.Tests.Hosting;

/// <summary>Absolute links come from App:PublicBaseUrl, never from the Host header; HSTS in production.</summary>
[Collection(AppCollection.Name)]
public class PublicLinkTests(ClubFinderApp app)
{
    const string PublicBase = "https://kluby.example.org";
    static readonly Uri Forged = new("http://evil.example");

    [Fact]
    public async Task AForgedHostNeverAppearsInCalendarsOrInvitationLinks()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("App:PublicBaseUrl", PublicBase + "/"));
        var client = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Forged });
        var slug = app.Directory.Current.Clubs.First(c => c.Club.Sessions.Count > 0).Club.Slug;

        foreach (var url in new[] { "/api/calendar.ics", $"/api/clubs/{slug}/calendar.ics" })
        {
            var calendar = await client.GetStringAsync(url);
            Assert.Contains($"{PublicBase}/clubs/", calendar);
            Assert.DoesNotContain("evil.example", calendar);
        }

        var admin = site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Forged, HandleCookies = false });
        admin.DefaultRequestHeaders.Authorization = new("Bearer", world.AdminToken);
        var invite = await admin.PostAsJsonAsync("/api/admin/users",
            new { email = $"linked-{Guid.NewGuid().ToString("N")[..8]}@example.test", role = "Operator", organization = world.OrgA });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var link = (await invite.Content.ReadFromJsonAsync<AccessLink>())!.SetPasswordUrl;
        Assert.StartsWith($"{PublicBase}/admin/#set-password?", link);
        var users = await admin.GetFromJsonAsync<List<UserRow>>("/api/admin/users", ClubFinderApp.Json);
        var reset = await admin.PostAsync($"/api/admin/users/{users!.Single(u => u.Email == world.OperatorBEmail).Id}/reset", null);
        Assert.StartsWith($"{PublicBase}/admin/#set-password?", (await reset.Content.ReadFromJsonAsync<AccessLink>())!.SetPasswordUrl);
    }

    [Fact]
    public void OutsideDevelopmentTheServiceDoesNotStartWithoutAPublicBaseUrl()
    {
        using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var error = Assert.ThrowsAny<Exception>(() => production.CreateClient());
        Assert.Contains("App:PublicBaseUrl", Flatten(error));
    }

    [Fact]
    public async Task HttpsAnswersCarryHstsInProduction()
    {
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("App:PublicBaseUrl", PublicBase));
        var https = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicBase) });
        var answer = await https.GetAsync("/api/config");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("max-age=31536000", answer.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.StartsWith("max-age=", (await https.GetAsync("/")).Headers.GetValues("Strict-Transport-Security").Single());
    }

    static string Flatten(Exception error) => string.Join(" | ", Chain(error).Select(e => e.Message));

    static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
            if (error is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}
