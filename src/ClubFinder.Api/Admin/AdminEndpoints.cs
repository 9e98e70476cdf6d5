using ClubFinder.Api.Auth;

namespace ClubFinder.Api.Admin;

public static class AdminEndpoints
{
    /// <summary>Everything under /api/admin: signed in as Admin or Operator, antiforgery on cookie writes, never cached.</summary>
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin")
            .RequireAuthorization(AuthSetup.EditorPolicy)
            .RequireAntiforgeryForCookies()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        admin.MapAdminClubs();
        admin.MapAdminAccounts();
        admin.MapTokens();
        admin.MapAdminImport();
        return admin;
    }
}
