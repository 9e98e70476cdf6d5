using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ClubFinder.Api.Infrastructure;

/// <summary>
/// Public reads are cacheable: a strong ETag from the body's hash, 304 when the client has it,
/// and a short shared max-age. Hashing the body (not a data version) keeps "open now" honest.
/// </summary>
public static class ConditionalGet
{
    public static TBuilder WithConditionalGet<TBuilder>(this TBuilder builder, int maxAgeSeconds = 60)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            while (result is INestedHttpResult nested) result = nested.Result;
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) return result;
            byte[] body;
            string contentType;
            switch (result)
            {
                case IStatusCodeHttpResult { StatusCode: not (null or 200) }:
                    return result;
                case BytesResult bytes:
                    (body, contentType) = (bytes.Body, bytes.ContentType);
                    break;
                case IValueHttpResult { Value: { } value }:
                    var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                    (body, contentType) = (JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json), "application/json; charset=utf-8");
                    break;
                default:
                    return result;
            }
            var etag = $"\"{Convert.ToHexString(SHA256.HashData(body), 0, 12).ToLowerInvariant()}\"";
            http.Response.Headers.ETag = etag;
            if (string.IsNullOrEmpty(http.Response.Headers.CacheControl)) http.Response.Headers.CacheControl = $"public, max-age={maxAgeSeconds}";
            http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && (v == etag || v == "*" || v.Split(',').Select(s => s.Trim()).Contains(etag))))
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            return new BytesResult(body, contentType);
        });
}

/// <summary>A body already serialized (JSON, GeoJSON, CSV, iCalendar) with its content type.</summary>
public sealed class BytesResult(byte[] body, string contentType) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public byte[] Body => body;
    public string ContentType => contentType;
    public int? StatusCode => 200;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = body.Length;
        return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : httpContext.Response.Body.WriteAsync(body).AsTask();
    }
}
