using ClubFinder.Api.Embed;
using ClubFinder.Api.Map;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Infrastructure;

/// <summary>
/// A Content-Security-Policy without inline scripts for every page, and the usual hardening
/// headers. Tile images may come from the configured tile host only. No page may be framed by
/// another site except /embed, which the origins in Embed:AllowedOrigins may frame.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var map = app.ApplicationServices.GetRequiredService<IOptions<MapOptions>>().Value;
        var tileOrigin = Uri.TryCreate(map.TileUrl.Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0"), UriKind.Absolute, out var tiles)
            ? $"{tiles.Scheme}://{(map.TileUrl.Contains("{s}.") ? "*." + tiles.Host.Split('.', 2)[1] : tiles.Authority)}"
            : "";
        var embed = app.ApplicationServices.GetRequiredService<IOptions<EmbedOptions>>().Value;
        string Csp(string frameAncestors) => string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            $"img-src 'self' data: {tileOrigin}".TrimEnd(),
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            $"frame-ancestors {frameAncestors}");
        var csp = Csp("'none'");
        var embedCsp = Csp(string.Join(' ', ["'self'", .. embed.Origins()]));
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (!context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/swagger"))
            {
                if (EmbedEndpoints.IsFramePath(context.Request.Path))
                {
                    // X-Frame-Options cannot name origins; frame-ancestors alone decides for /embed.
                    headers.ContentSecurityPolicy = embedCsp;
                }
                else
                {
                    headers.ContentSecurityPolicy = csp;
                    headers.XFrameOptions = "DENY";
                }
                headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=()";
            }
            else if (context.Request.Path.StartsWithSegments("/swagger"))
            {
                // Swagger UI ships inline scripts, so it gets no script CSP, but it is never framed.
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                headers.XFrameOptions = "DENY";
            }
            return next(context);
        });
    }
}
