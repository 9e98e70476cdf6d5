using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using ClubFinder.Api.Embed;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Infrastructure;

public class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>The largest valid club document, every character escaped as \uXXXX, is under 1 MB.</summary>
    public int JsonBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>CSV uploads to the admin import.</summary>
    public int CsvBodyBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The request target (path and query string); longer is a 414 problem. Kestrel's own limit is set four times higher.</summary>
    public int RequestTargetChars { get; set; } = 8 * 1024;

    /// <summary>All request headers together; more is a 431 problem. Kestrel's own limit is set four times higher.</summary>
    public int RequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>Requests per client address and minute to the public API (a page load makes about ten).</summary>
    public int PublicRequestsPerMinute { get; set; } = 600;

    /// <summary>Requests per client address and minute to place search, calendar feeds and exports.</summary>
    public int ExpensiveRequestsPerMinute { get; set; } = 60;
}

/// <summary>
/// What keeps one client from slowing the service for everyone: per-address rate limits on the
/// public API (stricter on the expensive routes) and capped request bodies; and what keeps text
/// PostgreSQL cannot store away from the handlers.
/// </summary>
public static class RequestLimits
{
    /// <summary>Rate-limit policy for place search, calendar feeds and exports.</summary>
    public const string Expensive = "expensive";

    public static IServiceCollection AddClubFinderLimits(this IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.Section);
        services.AddClubFinderServerLimits();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                EmbedEndpoints.IsPublicApiPath(context.Request.Path)
                    ? PerMinute(context, o => o.PublicRequestsPerMinute)
                    : RateLimitPartition.GetNoLimiter(""));
            options.AddPolicy(Expensive, context => PerMinute(context, o => o.ExpensiveRequestsPerMinute));
        });
        // After every Configure (the sign-in limiter's too), so every refusal has the same shape.
        services.PostConfigure<RateLimiterOptions>(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    static RateLimitPartition<string> PerMinute(HttpContext context, Func<LimitsOptions, int> limit) =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit(context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        var http = context.HttpContext;
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        http.RequestServices.GetRequiredService<ClubFinderMetrics>().RateLimitRejected(
            policy == Expensive ? "expensive" : policy is not null ? "sign-in" : "public");
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests, Title = Problems.TitleFor(429),
                Detail = $"Spróbuj ponownie za {seconds} s. / Try again in {seconds} s.",
            },
        });
    }

    /// <summary>
    /// For /api: refuses unstorable text in the query string and route values, refuses bodies over
    /// the limit (413), and reads JSON bodies once to refuse unstorable strings naming the field
    /// (sessions[2].title), before any handler or database call sees them.
    /// </summary>
    public static IApplicationBuilder UseRequestGuards(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), branch => branch.Use(GuardAsync));

    static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        if (UnstorableParameter(context) is { } parameter)
        {
            await Problems.Invalid(parameter, StorableText.Message).ExecuteAsync(context);
            return;
        }
        var request = context.Request;
        // A body without a length (chunked) is read too; GET and friends carry none the API would bind.
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null
            && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)));
        if (!hasBody)
        {
            await next(context);
            return;
        }
        var options = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value;
        var csv = request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
        var limit = csv ? options.CsvBodyBytes : options.JsonBodyBytes;
        var body = await ReadAtMostAsync(context, limit);
        if (body is null)
        {
            await TypedResults.Problem(statusCode: 413, title: Problems.TitleFor(413),
                detail: $"Treść zapytania może mieć najwyżej {limit} bajtów. / The request body may be at most {limit} bytes.").ExecuteAsync(context);
            return;
        }
        if (request.HasJsonContentType() && UnstorableJsonField(body) is { } field)
        {
            await Problems.Invalid(field, StorableText.Message).ExecuteAsync(context);
            return;
        }
        request.Body = new MemoryStream(body, writable: false);
        await next(context);
    }

    static string? UnstorableParameter(HttpContext context)
    {
        foreach (var (key, values) in context.Request.Query)
        {
            if (!StorableText.IsStorable(key)) return "query";
            if (values.Any(v => !StorableText.IsStorable(v))) return key;
        }
        foreach (var (key, value) in context.Request.RouteValues)
            if (value is string text && !StorableText.IsStorable(text)) return key;
        return null;
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    static async Task<byte[]?> ReadAtMostAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit) return null;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1L;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The path (email, sessions[2].title) of the first string in the JSON that PostgreSQL could not
    /// store, or that is not valid UTF-8/UTF-16 at all; null when there is none or the JSON is
    /// malformed (the endpoint's own binding then answers 400).
    /// </summary>
    internal static string? UnstorableJsonField(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var path = new List<(string? Name, int Index)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        if (!TryGetString(ref reader, out var name)) return PathOf(path);
                        path[^1] = (name, -1);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        continue;
                }
                // A value: inside an array it is the next element.
                if (path.Count > 0 && path[^1].Name is null) path[^1] = (null, path[^1].Index + 1);
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        path.Add(("", -1));
                        break;
                    case JsonTokenType.StartArray:
                        path.Add((null, -1));
                        break;
                    case JsonTokenType.String when !TryGetString(ref reader, out _):
                        return PathOf(path);
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    static bool TryGetString(ref Utf8JsonReader reader, out string? value)
    {
        try
        {
            value = reader.GetString();
            return StorableText.IsStorable(value);
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false; // invalid UTF-8, or an escaped lone surrogate
        }
    }

    static string PathOf(List<(string? Name, int Index)> path)
    {
        var text = new StringBuilder();
        foreach (var (name, index) in path)
        {
            if (name is null) text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            else if (name.Length > 0) text.Append(text.Length > 0 ? "." : "").Append(name);
        }
        return text.Length > 0 ? text.ToString() : "body";
    }
}
