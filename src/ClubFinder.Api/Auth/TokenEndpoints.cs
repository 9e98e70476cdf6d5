using ClubFinder.Api.Data;
using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Auth;

public record TokenRow(int Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Expired,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
/// <param name="ExpiresInDays">How long the token works, 1–730 days; one year when absent.</param>
public record NewToken(string? Name, int? ExpiresInDays = null);
public record CreatedToken(int Id, string Name, string Token, DateTimeOffset ExpiresAt);

/// <summary>API tokens: each signed-in user lists, creates and revokes their own (`/api/admin/tokens`).</summary>
public static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokens(this RouteGroupBuilder admin)
    {
        admin.MapGet("/tokens", ListTokens).WithName("AdminListTokens").WithSummary("Your API tokens.");
        admin.MapPost("/tokens", CreateToken).WithName("AdminCreateToken").WithSummary("Creates an API token; it is shown once.");
        admin.MapDelete("/tokens/{id:int}", RevokeToken).WithName("AdminRevokeToken").WithSummary("Revokes one of your API tokens.");
        return admin;
    }

    public static async Task<Ok<List<TokenRow>>> ListTokens(HttpContext http, ClubFinderDb db, UserManager<AppUser> users, TimeProvider clock)
    {
        var userId = users.GetUserId(http.User);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenRow(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.ExpiresAt <= now, t.LastUsedAt, t.RevokedAt)).ToListAsync());
    }

    public static async Task<Results<Ok<CreatedToken>, ValidationProblem>> CreateToken(NewToken request, HttpContext http, ClubFinderDb db,
        UserManager<AppUser> users, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
            errors["name"] = ["Nazwij token (do 100 znaków). / Name the token (at most 100 characters)."];
        if (request.ExpiresInDays is < 1 or > TokenCommands.MaxLifetimeDays)
            errors["expiresInDays"] = [$"Od 1 do {TokenCommands.MaxLifetimeDays} dni. / Between 1 and {TokenCommands.MaxLifetimeDays} days."];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var editor = await Editor.FromAsync(http.User, users);
        var lifetime = TimeSpan.FromDays(request.ExpiresInDays ?? TokenCommands.DefaultLifetimeDays);
        Audit.Record(db, editor.Actor, "token", editor.Email, "create", null,
            new { name = request.Name!.Trim(), expiresAt = clock.GetUtcNow() + lifetime }, clock);
        var (token, secret) = await TokenCommands.CreateAsync(db, editor.UserId, request.Name.Trim(), clock, lifetime);
        return TypedResults.Ok(new CreatedToken(token.Id, token.Name, secret, token.ExpiresAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(int id, HttpContext http, ClubFinderDb db, UserManager<AppUser> users,
        TimeProvider clock)
    {
        var userId = users.GetUserId(http.User);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId);
        if (token is null) return Problems.NotFound("No such token. / Nie ma takiego tokenu.");
        token.RevokedAt ??= clock.GetUtcNow();
        Audit.Record(db, (await Editor.FromAsync(http.User, users)).Actor, "token", token.Prefix, "revoke", null, new { token.Id, token.Name }, clock);
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }
}

public static class TokenCommands
{
    public const int DefaultLifetimeDays = 365;
    public const int MaxLifetimeDays = 730;

    public static async Task<(ApiToken Token, string Secret)> CreateAsync(ClubFinderDb db, string userId, string name, TimeProvider clock,
        TimeSpan? lifetime = null)
    {
        var secret = ApiTokens.NewToken();
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            UserId = userId, Name = name, Prefix = secret[..10], TokenHash = ApiTokens.Hash(secret), CreatedAt = now,
            ExpiresAt = now + (lifetime ?? TimeSpan.FromDays(DefaultLifetimeDays)),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return (token, secret);
    }
}
