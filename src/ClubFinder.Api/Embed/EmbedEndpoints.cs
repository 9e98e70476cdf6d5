using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ClubFinder.Api.Embed;

/// <summary>
/// The finder for other sites: <c>/embed</c> (the page inside the iframe that /widget.js inserts),
/// <c>/embed/docs</c> (how site editors get their snippet), and CORS on the public read API for the
/// allowed origins. Which pages may be framed is decided in SecurityHeaders.
/// </summary>
public static class EmbedEndpoints
{
    public const string CorsPolicy = "embed";
    const string DocsPage = "embed/docs.html";

    public static IServiceCollection AddClubFinderEmbed(this IServiceCollection services)
    {
        services.AddOptions<EmbedOptions>().BindConfiguration(EmbedOptions.Section)
            .Validate(EmbedOptions.IsValid, "Embed:AllowedOrigins must hold origins like https://kkr.krakow.pl (scheme and host, no path, no wildcard).")
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<EmbedOptions>>((cors, embed) => cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. embed.Value.Origins()])
                .WithMethods(HttpMethods.Get, HttpMethods.Head)
                .WithHeaders(HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.IfNoneMatch)
                .WithExposedHeaders(HeaderNames.ETag)
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }

    /// <summary>The page that may be framed by the allowed origins (and nothing else is).</summary>
    public static bool IsFramePath(PathString path) =>
        path.Equals("/embed", StringComparison.OrdinalIgnoreCase) || path.Equals("/embed/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The anonymous read API: not the admin API and not sign-in, which must stay same-origin.</summary>
    public static bool IsPublicApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/admin", StringComparison.OrdinalIgnoreCase)
        && !path.StartsWithSegments("/api/auth", StringComparison.OrdinalIgnoreCase);

    /// <summary>CORS for the public API only. Every answer there varies by Origin, so that a shared
    /// cache never hands one site's CORS headers (or their absence) to another.</summary>
    public static IApplicationBuilder UseEmbedCors(this IApplicationBuilder app) =>
        app.UseWhen(context => IsPublicApiPath(context.Request.Path), branch => branch
            .Use(static (context, next) =>
            {
                context.Response.OnStarting(static state =>
                {
                    var headers = ((HttpResponse)state).Headers;
                    if (!headers.Vary.Any(v => v != null && v.Split(',').Any(p => p.Trim().Equals(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase))))
                    {
                        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
                    }
                    return Task.CompletedTask;
                }, context.Response);
                return next(context);
            })
            .UseCors(CorsPolicy));

    public static IEndpointRouteBuilder MapEmbed(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/embed").ExcludeFromDescription();
        pages.MapMethods("", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, IWebHostEnvironment env, Infrastructure.StaticAssets assets) => Frame(http, env, assets)).WithName("EmbedFrame")
            .WithSummary("The compact finder shown inside the widget's iframe.");
        pages.MapMethods("/docs", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, IWebHostEnvironment env) => Page(http, env, DocsPage)).WithName("EmbedDocs")
            .WithSummary("How site editors embed the finder: snippet builder, preview and copy button.");
        return app;
    }

    static IResult Frame(HttpContext http, IWebHostEnvironment env, Infrastructure.StaticAssets assets)
    {
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(EmbedFrame.Render(env, assets), "text/html; charset=utf-8");
    }

    static IResult Page(HttpContext http, IWebHostEnvironment env, string file)
    {
        var info = env.WebRootFileProvider.GetFileInfo(file);
        if (!info.Exists || info.PhysicalPath is null) return TypedResults.NotFound();
        // A new release must reach every host page at once: revalidate the page on each load.
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.PhysicalFile(info.PhysicalPath, "text/html; charset=utf-8", lastModified: info.LastModified);
    }
}
