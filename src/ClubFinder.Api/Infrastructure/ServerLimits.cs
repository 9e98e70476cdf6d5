using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Infrastructure;

/// <summary>
/// The request line and header limits, answered as problem JSON like every other error. Kestrel
/// refuses an over-long request line (414) or header block (431) with an empty body before any
/// middleware runs, so its own limits are set well above the service's, and the service refuses
/// first, in its own shape. Only a request beyond Kestrel's raised limits still gets the bare answer.
/// </summary>
public static class ServerLimits
{
    /// <summary>How far above the service's own limits Kestrel's are set.</summary>
    const int KestrelHeadroom = 4;

    public static IServiceCollection AddClubFinderServerLimits(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LimitsOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, limits.Value.RequestTargetChars * KestrelHeadroom);
            kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(kestrel.Limits.MaxRequestHeadersTotalSize, limits.Value.RequestHeadersBytes * KestrelHeadroom);
        });
        return services;
    }

    /// <summary>Refuses an over-long address (414) or header block (431) with problem JSON; early, before any work.</summary>
    public static IApplicationBuilder UseServerLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? $"{context.Request.Path}{context.Request.QueryString}";
        if (target.Length > limits.RequestTargetChars)
        {
            await Refuse(context, StatusCodes.Status414UriTooLong,
                $"Adres zapytania może mieć najwyżej {limits.RequestTargetChars} znaków. / The request address may be at most {limits.RequestTargetChars} characters.");
            return;
        }
        long headerBytes = 0;
        foreach (var (name, values) in context.Request.Headers)
            foreach (var value in values) headerBytes += name.Length + (value?.Length ?? 0) + 4; // ": " and CRLF
        if (headerBytes > limits.RequestHeadersBytes)
        {
            await Refuse(context, StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"Nagłówki zapytania mogą mieć najwyżej {limits.RequestHeadersBytes} bajtów. / The request headers may be at most {limits.RequestHeadersBytes} bytes.");
            return;
        }
        await next(context);
    });

    static Task Refuse(HttpContext context, int status, string detail)
    {
        // The request is not read further; the client should not reuse the connection for the rest of it.
        context.Response.Headers.Connection = "close";
        return TypedResults.Problem(statusCode: status, title: Problems.TitleFor(status), detail: detail).ExecuteAsync(context);
    }
}
