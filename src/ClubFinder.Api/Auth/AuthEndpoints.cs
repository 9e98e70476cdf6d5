using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Auth;

public record LoginRequest(string? Email, string? Password);
public record SetPasswordRequest(string? Email, string? Token, string? Password);
public record Me(string Email, IReadOnlyList<string> Roles, string? Organization, string? OrganizationName);
public record AntiforgeryToken(string Token, string HeaderName);

public static class AuthEndpoints
{
    const string WrongCredentials = "Nieprawidłowy e-mail lub hasło, albo konto jest chwilowo zablokowane. / Wrong e-mail or password, or the account is temporarily locked.";

    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");
        auth.MapPost("/login", Login).WithName("Login").WithSummary("Signs in with e-mail and password (sets an HttpOnly cookie).")
            .RequireRateLimiting(AuthSetup.LoginRateLimit).ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", Logout).WithName("Logout").WithSummary("Signs out: ends every cookie session of the account, on every device.")
            .RequireAntiforgeryForCookies();
        auth.MapGet("/antiforgery", Antiforgery).WithName("Antiforgery")
            .WithSummary("A token to send as X-CSRF-TOKEN on every unsafe request made with the sign-in cookie.");
        auth.MapPost("/set-password", SetPassword).WithName("SetPassword")
            .WithSummary("Sets a password with the one-time token from an invitation or reset link.")
            .RequireRateLimiting(AuthSetup.LoginRateLimit);
        return auth;
    }

    public static async Task<Results<Ok<Me>, ProblemHttpResult>> Login(LoginRequest request, SignInManager<AppUser> signIn, UserManager<AppUser> users)
    {
        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
        if (user is null || string.IsNullOrEmpty(request.Password))
            return TypedResults.Problem(statusCode: 401, title: Problems.TitleFor(401), detail: WrongCredentials);
        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded) return TypedResults.Problem(statusCode: 401, title: Problems.TitleFor(401), detail: WrongCredentials);
        return TypedResults.Ok(await MeAsync(user, users));
    }

    public static async Task<NoContent> Logout(HttpContext http, SignInManager<AppUser> signIn, UserManager<AppUser> users)
    {
        // Deleting this browser's cookie is not enough: a copy of it would still work. A new security
        // stamp ends every cookie of the account at once (cookies are checked on every request).
        if (await users.GetUserAsync(http.User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    public static Ok<AntiforgeryToken> Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AntiforgeryToken(tokens.RequestToken!, tokens.HeaderName!));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> SetPassword(SetPasswordRequest request, UserManager<AppUser> users)
    {
        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
        if (user is null || string.IsNullOrEmpty(request.Token) || string.IsNullOrEmpty(request.Password))
            return TypedResults.Problem(statusCode: 400, title: Problems.TitleFor(400),
                detail: "The link is invalid or has expired: ask the city office for a new one. / Link jest nieważny.");
        var result = await users.ResetPasswordAsync(user, request.Token, request.Password);
        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return TypedResults.NoContent();
        }
        if (result.Errors.Any(e => e.Code == "InvalidToken"))
            return TypedResults.Problem(statusCode: 400, title: Problems.TitleFor(400),
                detail: "The link is invalid or has expired: ask the city office for a new one. / Link jest nieważny.");
        return Problems.Invalid(new Dictionary<string, string[]> { ["password"] = result.Errors.Select(e => e.Description).ToArray() });
    }

    public static async Task<Me> MeAsync(AppUser user, UserManager<AppUser> users)
    {
        var roles = await users.GetRolesAsync(user);
        var organization = user.OrganizationId is null ? null
            : await users.Users.Where(u => u.Id == user.Id).Select(u => u.Organization).SingleOrDefaultAsync();
        return new Me(user.Email!, roles.ToList(), organization?.Slug, organization?.Name);
    }
}
