using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Data;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClubFinder.Tests.Admin;

/// <summary>Two synthetic operators (A and B) with one club each, their accounts and an Admin, in the test database.</summary>
public sealed record AdminWorld(string OrgA, string OrgB, string ClubA, string ClubB, string AdminEmail, string OperatorAEmail, string OperatorBEmail,
    string AdminToken, string OperatorAToken, string OperatorBToken)
{
    public const string Password = "test-password-2026";

    public static async Task<AdminWorld> CreateAsync(ClubFinderApp app)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        string orgA = $"test-org-a-{id}", orgB = $"test-org-b-{id}";
        await using (var db = await app.OpenConnectionAsync())
        {
            await db.ExecuteAsync("INSERT INTO organizations (slug, name, type) VALUES (@a, 'TEST synthetic operator A', 'ngo'), (@b, 'TEST synthetic operator B', 'culture')",
                new { a = orgA, b = orgB });
        }
        var clubA = await CreateClubAsync(app, orgA, 50.0650, 19.9450);
        var clubB = await CreateClubAsync(app, orgB, 50.0700, 19.9500);

        await using var scope = app.Services.CreateAsyncScope();
        var db2 = scope.ServiceProvider.GetRequiredService<ClubFinderDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        async Task<(string Email, string Token)> Account(string role, string? org)
        {
            var email = $"{role.ToLowerInvariant()}-{org ?? "city"}-{id}@example.test";
            var (user, errors) = await UserCommands.CreateAsync(db2, users, email, role, org, Password);
            Assert.True(user is not null, string.Join("; ", errors.SelectMany(e => e.Value)));
            var (_, secret) = await TokenCommands.CreateAsync(db2, user!.Id, "test", TimeProvider.System);
            return (email, secret);
        }
        var admin = await Account(Roles.Admin, null);
        var operatorA = await Account(Roles.Operator, orgA);
        var operatorB = await Account(Roles.Operator, orgB);
        // Public reads and the rules for suggestions read the directory: the clubs are there first.
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(clubA) && s.BySlug.ContainsKey(clubB));
        return new AdminWorld(orgA, orgB, clubA, clubB, admin.Email, operatorA.Email, operatorB.Email, admin.Token, operatorA.Token, operatorB.Token);
    }

    static async Task<string> CreateClubAsync(ClubFinderApp app, string org, double lat, double lon)
    {
        await using var db = await app.OpenConnectionAsync();
        var slug = $"test-synthetic-{Guid.NewGuid():N}"[..30];
        await db.ExecuteAsync("""
            INSERT INTO clubs (slug, name, organization_id, street, house_number, location, location_precision, district_number,
                               special_needs, languages, status, sources)
            SELECT @slug, 'TEST synthetic club ' || @slug, id, 'ul. Testowa', '1', ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 'building',
                   (SELECT number FROM districts WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326))), false, '{pl}', 'active', '[]'
            FROM organizations WHERE slug = @org
            """, new { slug, org, lat, lon });
        return slug;
    }

    public static HttpClient Bearer(ClubFinderApp app, string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser-like client: signs in with the cookie and sends the antiforgery header.</summary>
    public static async Task<HttpClient> SignInAsync(ClubFinderApp app, string email, bool withAntiforgery = true)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
        if (withAntiforgery)
        {
            var token = await client.GetFromJsonAsync<AntiforgeryToken>("/api/auth/antiforgery");
            client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token!.Token);
        }
        return client;
    }
}
