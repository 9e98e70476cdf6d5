using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace ClubFinder.Api.Infrastructure;

/// <summary>
/// Static files cacheable for a year without stale copies after a release: every asset is also served
/// under <c>/static/{version}/…</c>, where the version is a hash of the whole web root's content, and the
/// pages' asset URLs are rewritten to that prefix as they are served (the HTML files stay as written).
/// Relative ES module imports resolve under the same prefix by themselves. Pages are revalidated on
/// every load (no-cache), so a new release reaches everyone at once; an old version's URL still
/// answers with the current file, but is then not cached for long.
/// </summary>
public sealed partial class StaticAssets
{
    public const string Prefix = "/static";
    const string ForAYear = "public, max-age=31536000, immutable";
    const string Versioned = "ClubFinder.StaticAssets.Versioned";

    readonly IFileProvider files;
    readonly Dictionary<string, (DateTimeOffset Modified, string Html, string ETag)> pages = new(StringComparer.Ordinal);

    public StaticAssets(IWebHostEnvironment env)
    {
        files = env.WebRootFileProvider;
        Version = VersionOf(files);
    }

    /// <summary>The content hash in asset URLs: changes when any file under the web root changes.</summary>
    public string Version { get; }

    public static string VersionOf(IFileProvider files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string directory)
        {
            foreach (var entry in files.GetDirectoryContents(directory).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var path = $"{directory}/{entry.Name}";
                if (entry.IsDirectory) { Add(path); continue; }
                hash.AppendData(Encoding.UTF8.GetBytes(path + "\n"));
                using var stream = entry.CreateReadStream();
                var buffer = new byte[81920];
                int read;
                while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
            }
        }
        Add("");
        return Convert.ToHexString(hash.GetHashAndReset(), 0, 6).ToLowerInvariant();
    }

    [GeneratedRegex("""(?<attr>\b(?:src|href)=")(?<path>/(?!static/)[^"?#:]+\.(?:js|mjs|css|svg|png|jpg|webp|ico|woff2))(?<rest>[?#"])""")]
    private static partial Regex AssetUrl();

    /// <summary>The page with its local asset URLs under the versioned prefix.</summary>
    public string Rewrite(string html) =>
        AssetUrl().Replace(html, m => $"{m.Groups["attr"].Value}{Prefix}/{Version}{m.Groups["path"].Value}{m.Groups["rest"].Value}");

    /// <summary>
    /// In place of UseDefaultFiles + UseStaticFiles: strips the version prefix (remembering whether it is
    /// current), serves .html pages rewritten and revalidated, and everything else as static files.
    /// </summary>
    internal static IApplicationBuilder Use(IApplicationBuilder app)
    {
        var assets = app.ApplicationServices.GetRequiredService<StaticAssets>();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Prefix, out var rest) && rest.Value is { Length: > 1 } value
                && value.IndexOf('/', 1) is var slash and > 1)
            {
                context.Items[Versioned] = value[1..slash] == assets.Version;
                context.Request.Path = value[slash..];
            }
            return next(context);
        });
        app.UseDefaultFiles();
        app.Use((context, next) => assets.ServePageAsync(context, next));
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                file.Context.Items.TryGetValue(Versioned, out var current) && current is true ? ForAYear : "no-cache",
        });
        return app;
    }

    Task ServePageAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            || path is null || !path.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
            return next(context);
        var info = files.GetFileInfo(path);
        if (!info.Exists || info.IsDirectory) return next(context);
        // A link's ?lang= other than Polish: the page comes without Polish texts, which its scripts would replace at once.
        var lang = context.Request.Query["lang"].ToString();
        // The admin pages have their own catalogue and fill their texts themselves.
        var prefill = (lang.Length == 0 || lang == DefaultLanguage) && !path.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase);
        var (html, etag) = Page(path, info, prefill);
        var response = context.Response;
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        var body = Encoding.UTF8.GetBytes(html);
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    (string Html, string ETag) Page(string path, IFileInfo info, bool prefill)
    {
        var catalog = prefill ? files.GetFileInfo($"/i18n/{DefaultLanguage}.json") : null;
        var modified = catalog is { Exists: true } && catalog.LastModified > info.LastModified ? catalog.LastModified : info.LastModified;
        var key = prefill ? path + "\n" + DefaultLanguage : path;
        lock (pages)
        {
            if (pages.TryGetValue(key, out var page) && page.Modified == modified) return (page.Html, page.ETag);
            using var reader = new StreamReader(info.CreateReadStream(), Encoding.UTF8);
            var html = Rewrite(reader.ReadToEnd());
            if (catalog is { Exists: true }) html = Prefill(html, catalog);
            var etag = $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(html)), 0, 12).ToLowerInvariant()}\"";
            pages[key] = (modified, html, etag);
            return (html, etag);
        }
    }

    const string DefaultLanguage = "pl";
    static readonly System.Text.Encodings.Web.HtmlEncoder Text = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    [GeneratedRegex("""<(?<tag>[a-z][a-z0-9]*)(?<attrs>\s[^<>]*?\bdata-i18n="(?<key>[^"]+)"[^<>]*)></\k<tag>>""")]
    private static partial Regex EmptyTranslatedElement();

    /// <summary>
    /// The page's empty translated elements with their Polish texts (the default language), so a phone shows them as
    /// soon as the HTML and styles arrive instead of after the scripts and the catalogue (Lighthouse's mobile run of
    /// the finder: speed index 3.9 → 2.5 s); the scripts then set the same texts, or the visitor's language. Texts with
    /// placeholders stay for the scripts.
    /// </summary>
    static string Prefill(string html, IFileInfo catalogFile)
    {
        using var stream = catalogFile.CreateReadStream();
        // Plural forms are objects; only plain texts are filled in.
        var catalog = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(stream) ?? [];
        return EmptyTranslatedElement().Replace(html, m =>
            catalog.TryGetValue(m.Groups["key"].Value, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
            && value.GetString() is { } text && !text.Contains('{')
                ? $"<{m.Groups["tag"].Value}{m.Groups["attrs"].Value}>{Text.Encode(text)}</{m.Groups["tag"].Value}>"
                : m.Value);
    }
}

/// <summary>Brotli and gzip for text answers (pages, styles, scripts, JSON, GeoJSON, iCalendar, CSV), and versioned static files.</summary>
public static class WebAssets
{
    static readonly string[] TextTypes =
    [
        "text/html", "text/css", "text/javascript", "application/javascript", "application/json", "application/problem+json",
        "application/geo+json", "text/calendar", "text/csv", "image/svg+xml", "text/plain",
    ];

    public static bool IsCompressible(string contentType)
    {
        var type = contentType.Split(';', 2)[0].Trim();
        return TextTypes.Contains(type, StringComparer.OrdinalIgnoreCase);
    }

    public static IServiceCollection AddClubFinderWebAssets(this IServiceCollection services)
    {
        services.AddSingleton<StaticAssets>();
        services.AddResponseCompression(o =>
        {
            // Only public, anonymous answers are compressed (see UseClubFinderCompression), so no secret
            // shares a compressed body with attacker-chosen text.
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = TextTypes;
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }

    /// <summary>Compresses everything but the signed-in admin API and sign-in (their answers carry tokens).</summary>
    public static IApplicationBuilder UseClubFinderCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api/admin", StringComparison.OrdinalIgnoreCase)
                && !context.Request.Path.StartsWithSegments("/api/auth", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseResponseCompression());

    /// <summary>Replaces UseDefaultFiles + UseStaticFiles: see <see cref="StaticAssets"/>.</summary>
    public static IApplicationBuilder UseClubFinderStaticFiles(this IApplicationBuilder app) => StaticAssets.Use(app);
}
