using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using ClubFinder.Api.Data;
using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Auth;

public static class AuthSetup
{
    /// <summary>The sign-in cookie (also named in the OpenAPI document's security schemes).</summary>
    public const string CookieName = "clubfinder.auth";

    public const string BearerScheme = "Bearer";
    const string SmartScheme = "ClubFinder";
    const string NoScheme = "None";
    public const string LoginRateLimit = "login";
    public const string EditorPolicy = "Editor";
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddClubFinderAuth(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddDataProtection().SetApplicationName("ClubFinder").PersistKeysToDbContext<ClubFinderDb>();
        // The keys live in the service's own database, readable only with its credentials. Encrypting
        // them at rest needs a certificate or key kept beside the app, which protects nothing more
        // here; the "No XML encryptor configured" warning on every first start only taught people to
        // skip warnings. A deployment with such a key adds ProtectKeysWith… and can drop this filter.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
            })
            // Scripts send a bearer token; the admin pages carry the sign-in cookie. Only the account
            // API looks at either: public reads stay off the database (each cookie is checked against
            // it, see below) and never renew a cookie on a publicly cached answer.
            .AddPolicyScheme(SmartScheme, null, options => options.ForwardDefaultSelector = context =>
                !IsAccountPath(context.Request.Path) ? NoScheme
                : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme
                : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(BearerScheme, null)
            .AddScheme<AuthenticationSchemeOptions, NoAuthenticationHandler>(NoScheme, null)
            .AddIdentityCookies();

        // Secure cookies outside Development, unless the deployment says it serves plain http on
        // localhost (run.sh, docker compose): antiforgery refuses Secure-only cookies on http.
        var requireHttps = configuration.GetValue<bool?>("Auth:RequireHttps")
            ?? !(environment.IsDevelopment() || environment.IsEnvironment("Testing"));
        var localHttp = !requireHttps;
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = localHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // Every cookie request checks the account's security stamp, so signing out or an Admin's
            // "reset access" (both change the stamp) ends every copy of the cookie at once, not after
            // Identity's default half hour. It costs one read by primary key per admin request.
            // (Identity's validator with a zero interval would still skip a request made within the
            // second the cookie was issued, and re-issue the cookie on every answer.)
            options.Events.OnValidatePrincipal = ValidateSecurityStampAsync;
            // An API answers 401/403; it never redirects to a login page.
            options.Events.OnRedirectToLogin = context => { context.Response.StatusCode = 401; return Task.CompletedTask; };
            options.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = 403; return Task.CompletedTask; };
        });

        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClubFinderDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(EditorPolicy, policy => policy.RequireRole(Roles.Admin, Roles.Operator))
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(Roles.Admin));

        services.AddAntiforgery(options =>
        {
            options.HeaderName = "X-CSRF-TOKEN";
            options.Cookie.Name = "clubfinder.csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = localHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = (context, ct) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                return problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = Problems.TitleFor(429), Detail = "Spróbuj za minutę. / Try again in a minute." },
                });
            };
        });
        return services;
    }

    static async Task ValidateSecurityStampAsync(CookieValidatePrincipalContext context)
    {
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (await signIn.ValidateSecurityStampAsync(context.Principal) is not null) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    static bool IsAccountPath(PathString path) => path.StartsWithSegments("/api/admin") || path.StartsWithSegments("/api/auth");

    /// <summary>Cookie-authenticated unsafe requests must carry the antiforgery header; bearer requests need not.</summary>
    public static TBuilder RequireAntiforgeryForCookies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var unsafeMethod = !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));
            var bearer = http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
            if (unsafeMethod && !bearer && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
                return TypedResults.Problem(statusCode: 400, title: Problems.TitleFor(400),
                    detail: "Brak tokenu antyforgery: odśwież stronę. / Missing or invalid antiforgery token: reload the page.");
            return await next(context);
        });
}

public class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Sign-in and set-password attempts allowed per client address and minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// Secure-only cookies (default outside Development). Set false only where the service is reached
    /// over plain http on the machine itself; behind a TLS proxy keep it and forward X-Forwarded-Proto.
    /// </summary>
    public bool? RequireHttps { get; set; }
}

public static class ApiTokens
{
    public static string NewToken() => "cf_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Authenticates `Authorization: Bearer cf_…` against the hashed, unrevoked tokens.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ClubFinderDb db, IUserClaimsPrincipalFactory<AppUser> principals, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = ApiTokens.Hash(header["Bearer ".Length..].Trim());
        var token = await db.ApiTokens.Include(t => t.User).SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null);
        var now = clock.GetUtcNow();
        // A lockout from failed password attempts does not stop a script's token: anyone can cause
        // one by guessing; revoking tokens is the way to stop them (reset access does that).
        if (token is null) return AuthenticateResult.Fail("Invalid or revoked token.");
        if (token.ExpiresAt <= now) return AuthenticateResult.Fail("The token has expired.");
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync();
        }
        var principal = await principals.CreateAsync(token.User);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("token_id", token.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, AuthSetup.BearerScheme)), AuthSetup.BearerScheme));
    }
}

/// <summary>The scheme of paths that use no identity: nobody is signed in there.</summary>
public sealed class NoAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
}
