using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using ClubFinder.Api.Clubs;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ClubFinder.Api.Infrastructure;

/// <summary>
/// Public reads are cacheable. A public answer depends only on the directory's snapshot, the minute
/// ("open now", "starting soon", today's dates) and the URL, so the ETag is made of those three and
/// checked before the handler runs: a revalidation costs no body at all. The bodies themselves are
/// kept for the rest of the minute (per snapshot, bounded), so a popular URL is serialised once.
/// </summary>
public static class ConditionalGet
{
    /// <param name="fromSnapshot">False for answers that come from elsewhere (the gazetteer in the database, the
    /// online geocoder): their ETag is the hash of the body, made after the handler, and nothing is kept.</param>
    public static TBuilder WithConditionalGet<TBuilder>(this TBuilder builder, int maxAgeSeconds = 60, bool fromSnapshot = true)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)) return await next(context);
            if (!fromSnapshot) return await ByBodyHashAsync(context, next, maxAgeSeconds);
            var snapshot = http.RequestServices.GetRequiredService<ClubDirectory>().Current;
            var minute = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds() / 60;
            var url = string.Concat(http.Request.Host.Value, http.Request.Path.Value, http.Request.QueryString.Value);
            var etag = $"\"{snapshot.Tag}-{minute:x}-{(uint)url.GetHashCode():x8}\"";
            if (Matches(http.Request.Headers.IfNoneMatch, etag))
            {
                SetHeaders(http, etag, maxAgeSeconds);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
            var bodies = ResponseBodies.For(snapshot, minute);
            if (bodies.TryGet(url, out var cached)) return Serve(http, cached, etag, maxAgeSeconds);

            // One build per URL at a time: requests that arrive meanwhile are given its body (32 requests for one
            // district's list at 50 000 clubs built it 32 times over, gigabytes at once).
            // A build that gives no body (an error, or its client went away) hands over to the next request in line.
            var mine = new TaskCompletionSource<KeptBody?>(TaskCreationOptions.RunContinuationsAsynchronously);
            for (var build = bodies.Building.GetOrAdd(url, mine); build != mine; build = bodies.Building.GetOrAdd(url, mine))
                if (await bodies.JoinAsync(build, http.RequestAborted) is { } shared) return Serve(http, shared, etag, maxAgeSeconds);
            KeptBody? kept = null;
            try
            {
                var (answer, other) = await BodyOfAsync(context, next);
                if (answer is null) return other;
                // What the handler set besides the body (a download's file name) comes back with the kept body.
                kept = new KeptBody(answer, [.. http.Response.Headers.Where(h => h.Key == HeaderNames.ContentDisposition)]);
                bodies.Add(url, kept);
                SetHeaders(http, etag, maxAgeSeconds);
                return answer;
            }
            finally
            {
                // Out of the way first, so a request that finds no body here starts the next build instead of finding this one again.
                bodies.Building.TryRemove(KeyValuePair.Create(url, mine));
                mine.TrySetResult(kept);
            }
        });

    static BytesResult Serve(HttpContext http, KeptBody kept, string etag, int maxAgeSeconds)
    {
        foreach (var (name, value) in kept.Headers) http.Response.Headers.TryAdd(name, value);
        SetHeaders(http, etag, maxAgeSeconds);
        return kept.In(http.Request.Headers.AcceptEncoding);
    }

    /// <summary>Runs the handler; a 200 answer comes back serialised, anything else as it was.</summary>
    static async Task<(BytesResult? Body, object? Other)> BodyOfAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result;
        while (inner is INestedHttpResult nested) inner = nested.Result;
        switch (inner)
        {
            case IStatusCodeHttpResult { StatusCode: not (null or 200) }:
                return (null, result);
            case BytesResult bytes:
                return (bytes, null);
            case IValueHttpResult { Value: { } value }:
                var json = context.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                return (new BytesResult(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json), "application/json; charset=utf-8"), null);
            default:
                return (null, result);
        }
    }

    static async ValueTask<object?> ByBodyHashAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, int maxAgeSeconds)
    {
        var (answer, other) = await BodyOfAsync(context, next);
        if (answer is null) return other;
        var http = context.HttpContext;
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(answer.Body), 0, 12).ToLowerInvariant()}\"";
        SetHeaders(http, etag, maxAgeSeconds);
        return Matches(http.Request.Headers.IfNoneMatch, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : answer;
    }

    static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        foreach (var value in ifNoneMatch)
        {
            if (value is null) continue;
            foreach (var part in value.Split(','))
            {
                var tag = part.Trim();
                if (tag.StartsWith("W/", StringComparison.Ordinal)) tag = tag[2..];
                if (tag == etag || tag == "*") return true;
            }
        }
        return false;
    }

    static void SetHeaders(HttpContext http, string etag, int maxAgeSeconds)
    {
        http.Response.Headers.ETag = etag;
        if (string.IsNullOrEmpty(http.Response.Headers.CacheControl)) http.Response.Headers.CacheControl = $"public, max-age={maxAgeSeconds}";
        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
    }
}

/// <summary>
/// The bodies of one snapshot's public answers in the current minute. Bounded in count and bytes,
/// so random points (every URL different) or a flood of made-up queries cannot grow it without limit;
/// a body is kept only when its URL is asked for a second time, so one-off URLs (a map view, a parent's
/// position) never fill it, and never cost more than building them.
/// </summary>
sealed class ResponseBodies(long minute)
{
    const int MaxEntries = 2048;
    const int SeenSlots = 1 << 14;
    const long MaxBytes = 64L * 1024 * 1024;
    static readonly ConditionalWeakTable<DirectorySnapshot, StrongBox<ResponseBodies>> Cache = new();

    readonly long minute = minute;
    readonly ConcurrentDictionary<string, KeptBody> bodies = new(StringComparer.Ordinal);
    // URLs asked once, as hashes in a fixed table where a newer URL takes an older one's slot: a flood of one-off
    // URLs (random points) cannot fill it and stop popular URLs from being kept, as a bounded set did.
    readonly int[] seen = new int[SeenSlots];
    long bytes;

    /// <summary>The answers being built now, by URL, for the requests that ask for them meanwhile.</summary>
    public ConcurrentDictionary<string, TaskCompletionSource<KeptBody?>> Building { get; } = new(StringComparer.Ordinal);

    int joined;

    /// <summary>Requests that have waited for another's build, so far (tests wait for them).</summary>
    public int Joined => Volatile.Read(ref joined);

    public Task<KeptBody?> JoinAsync(TaskCompletionSource<KeptBody?> build, CancellationToken ct)
    {
        Interlocked.Increment(ref joined);
        return build.Task.WaitAsync(ct);
    }

    public static ResponseBodies For(DirectorySnapshot snapshot, long minute)
    {
        var box = Cache.GetValue(snapshot, _ => new StrongBox<ResponseBodies>(new ResponseBodies(minute)));
        var current = Volatile.Read(ref box.Value!);
        if (current.minute == minute) return current;
        var fresh = new ResponseBodies(minute);
        Interlocked.CompareExchange(ref box.Value!, fresh, current);
        return Volatile.Read(ref box.Value!);
    }

    public bool TryGet(string url, out KeptBody body) => bodies.TryGetValue(url, out body!);

    bool SeenBefore(string url)
    {
        var hash = StringComparer.Ordinal.GetHashCode(url) | 1;
        ref var slot = ref seen[hash & (SeenSlots - 1)];
        if (Volatile.Read(ref slot) == hash) return true;
        Volatile.Write(ref slot, hash);
        return false;
    }

    public void Add(string url, KeptBody body)
    {
        if (!SeenBefore(url)) return;
        if (bodies.Count >= MaxEntries || Interlocked.Read(ref bytes) + body.Body.Length > MaxBytes) return;
        if (bodies.TryAdd(url, body)) Interlocked.Add(ref bytes, body.Body.Length);
    }
}

/// <summary>
/// A kept answer, and the same bytes compressed (once, when a client first accepts Brotli or gzip), so a popular
/// answer is not compressed again for every browser that asks; the compression middleware leaves an answer that
/// already has a Content-Encoding alone.
/// </summary>
sealed class KeptBody(BytesResult body, KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[] headers)
{
    public BytesResult Body => body;
    public KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>[] Headers => headers;

    const int MinCompressedLength = 512;
    Lazy<BytesResult>? brotli, gzip;

    /// <summary>The body in the best encoding the client accepts; each encoding is made once, whoever asks first.</summary>
    public BytesResult In(Microsoft.Extensions.Primitives.StringValues acceptEncoding)
    {
        if (Body.Length < MinCompressedLength || !WebAssets.IsCompressible(Body.ContentType)) return Body;
        if (Accepts(acceptEncoding, "br"))
            return LazyInitializer.EnsureInitialized(ref brotli, () => Compressed("br", s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionLevel.Optimal))).Value;
        if (Accepts(acceptEncoding, "gzip"))
            return LazyInitializer.EnsureInitialized(ref gzip, () => Compressed("gzip", s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Optimal))).Value;
        return Body;
    }

    Lazy<BytesResult> Compressed(string encoding, Func<Stream, Stream> encoder) => new(() =>
    {
        using var output = new MemoryStream(Body.Length / 4);
        using (var stream = encoder(output)) stream.Write(Body.Body);
        return new BytesResult(output.ToArray(), Body.ContentType, encoding);
    });

    static bool Accepts(Microsoft.Extensions.Primitives.StringValues acceptEncoding, string encoding) =>
        StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var values)
        && values.Any(v => v.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && (v.Quality ?? 1) > 0);
}

/// <summary>A body already serialized (JSON, GeoJSON, CSV, iCalendar) with its content type.</summary>
public sealed class BytesResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    readonly ReadOnlyMemory<byte>[] parts;
    readonly string? contentEncoding;
    byte[]? body;

    public BytesResult(byte[] body, string contentType, string? contentEncoding = null)
    {
        (parts, this.body, Length, ContentType, this.contentEncoding) = ([body], body, body.Length, contentType, contentEncoding);
    }

    /// <summary>A body made of pieces that go out one after another (a map view: its clubs' features, each serialised once),
    /// joined into one array only if it is kept or hashed: a map view at 50 000 clubs is 150 KB, and an array that
    /// large for every request lands on the large-object heap, which only a full collection frees.</summary>
    public BytesResult(ReadOnlyMemory<byte>[] parts, string contentType)
    {
        (this.parts, ContentType) = (parts, contentType);
        foreach (var part in parts) Length += part.Length;
    }

    public int Length { get; }
    public byte[] Body => body ??= Join();
    public string ContentType { get; }
    public int? StatusCode => 200;

    byte[] Join()
    {
        var joined = new byte[Length];
        var at = 0;
        foreach (var part in parts)
        {
            part.Span.CopyTo(joined.AsSpan(at));
            at += part.Length;
        }
        return joined;
    }

    /// <summary>Large bodies go out in slices: one write of the whole body would first copy all of it into the
    /// server's pinned buffers (32 clients of a 25 MB list held 800 MB that the runtime cannot compact).</summary>
    const int Slice = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = ContentType;
        if (contentEncoding is not null) httpContext.Response.Headers.ContentEncoding = contentEncoding;
        httpContext.Response.ContentLength = Length;
        if (HttpMethods.IsHead(httpContext.Request.Method)) return;
        var writer = httpContext.Response.BodyWriter;
        var (part, offset) = (0, 0);
        // Every slice is flushed, the last one too: Kestrel sends only what was flushed.
        while (CopySlice(writer, ref part, ref offset) > 0)
        {
            var flushed = await writer.FlushAsync(httpContext.RequestAborted);
            if (flushed.IsCanceled || flushed.IsCompleted) return;
        }
    }

    /// <summary>Copies the next slice of the parts into the writer's buffers: a large part over several, many small parts to one.</summary>
    int CopySlice(System.IO.Pipelines.PipeWriter writer, ref int part, ref int offset)
    {
        var copied = 0;
        while (part < parts.Length && copied < Slice)
        {
            var buffer = writer.GetSpan();
            var used = 0;
            while (part < parts.Length && used < buffer.Length)
            {
                var source = parts[part].Span[offset..];
                var n = Math.Min(source.Length, buffer.Length - used);
                source[..n].CopyTo(buffer[used..]);
                (used, offset) = (used + n, offset + n);
                if (offset == parts[part].Length) (part, offset) = (part + 1, 0);
            }
            writer.Advance(used);
            copied += used;
        }
        return copied;
    }
}
