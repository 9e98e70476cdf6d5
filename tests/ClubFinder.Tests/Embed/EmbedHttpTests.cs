using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using ClubFinder.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClubFinder.Tests.Embed;

/// <summary>Who may frame which page, who gets CORS on which API, and the loader's size.</summary>
[Collection(AppCollection.Name)]
public partial class EmbedHttpTests(ClubFinderApp app)
{
    const string Portal = "http://127.0.0.1:5599";
    const string Ngo = "https://www.ngo.example.org";
    const string Stranger = "https://evil.example.net";

    WebApplicationFactory<Program> WithOrigins(params string[] origins) => app.WithWebHostBuilder(builder =>
    {
        for (var i = 0; i < 3; i++) builder.UseSetting($"Embed:AllowedOrigins:{i}", i < origins.Length ? origins[i] : "");
    });

    static string FrameAncestors(HttpResponseMessage response)
    {
        var csp = string.Join("; ", response.Headers.GetValues("Content-Security-Policy"));
        var directive = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("frame-ancestors ", StringComparison.Ordinal));
        return directive["frame-ancestors ".Length..];
    }

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [Fact]
    public async Task TheEmbedIsTheFinderPageItselfWithTheFramesHeaderAndScript()
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync("/");
        var frame = await client.GetStringAsync("/embed");

        Assert.Contains("/js/embed.js", frame);
        Assert.DoesNotContain("/js/main.js", frame);
        Assert.Contains("/embed/embed.css", frame);
        Assert.Contains("<body class=\"embed\"", frame);
        Assert.DoesNotContain("class=\"site-nav\"", frame);
        // Every element the finder's modules look up is in both, from the one template.
        var header = page[page.IndexOf("<!-- page:header -->", StringComparison.Ordinal)..page.IndexOf("<!-- /page:header -->", StringComparison.Ordinal)];
        var pageIds = IdAttribute().Matches(page).Select(m => m.Groups[1].Value).Except(IdAttribute().Matches(header).Select(m => m.Groups[1].Value));
        var frameIds = IdAttribute().Matches(frame).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal([], pageIds.Except(frameIds));
        Assert.Subset(frameIds, new HashSet<string> { "lang-select", "full-site-link", "club-full-site-link", "search-form", "results", "map" });
    }

    [Fact]
    public async Task EmbedPageMayBeFramedByExactlyTheAllowedOrigins()
    {
        await using var configured = WithOrigins(Portal, Ngo + "/");
        var response = await configured.CreateClient().GetAsync("/embed?district=8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["'self'", Portal, Ngo], FrameAncestors(response).Split(' '));
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.False(response.Headers.Contains("Set-Cookie"), "The embedded finder sets no cookies.");
        Assert.Contains("script-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("id=\"search-form\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ByDefaultTheCityPortalsMayFrameTheFinder()
    {
        var response = await app.CreateClient().GetAsync("/embed");
        Assert.Equal("'self' https://kkr.krakow.pl https://www.krakow.pl", FrameAncestors(response));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/admin")]
    [InlineData("/admin/")]
    [InlineData("/admin/index.html")]
    [InlineData("/clubs/some-club")]
    [InlineData("/embed/docs")]
    [InlineData("/embed/frame.html")]
    [InlineData("/embedded")]
    public async Task NoOtherPageCanBeFramedEvenByAnAllowedOrigin(string path)
    {
        await using var configured = WithOrigins(Portal);
        var response = await configured.CreateClient().GetAsync(path);
        Assert.Equal("'none'", FrameAncestors(response));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/api/clubs")]
    [InlineData("/api/districts")]
    [InlineData("/api/config")]
    public async Task PublicApiSendsCorsHeadersToAnAllowedOriginOnly(string path)
    {
        await using var configured = WithOrigins(Portal, Ngo);
        var client = configured.CreateClient();

        var allowed = await SendAsync(client, HttpMethod.Get, path, Ngo);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(Ngo, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.Contains("Origin", VaryOf(allowed));

        var refused = await SendAsync(client, HttpMethod.Get, path, Stranger);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Contains("Origin", VaryOf(refused));

        // A cached answer to a request without Origin must not be reused for a cross-origin one.
        var plain = await SendAsync(client, HttpMethod.Get, path, origin: null);
        Assert.Single(VaryOf(plain), v => v == "Origin");
    }

    [Fact]
    public async Task PreflightIsAnsweredForAnAllowedOriginOnly()
    {
        await using var configured = WithOrigins(Portal);
        var client = configured.CreateClient();

        var allowed = await SendAsync(client, HttpMethod.Options, "/api/clubs?district=8", Portal, preflight: true);
        Assert.True(allowed.IsSuccessStatusCode, $"Preflight answered {(int)allowed.StatusCode}");
        Assert.Equal(Portal, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("GET", string.Join(",", allowed.Headers.GetValues("Access-Control-Allow-Methods")));

        var refused = await SendAsync(client, HttpMethod.Options, "/api/clubs?district=8", Stranger, preflight: true);
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData("/api/admin/clubs")]
    [InlineData("/api/admin/me")]
    [InlineData("/api/auth/antiforgery")]
    [InlineData("/api/auth/login")]
    public async Task AdminAndSignInApisNeverSendCorsHeaders(string path)
    {
        await using var configured = WithOrigins(Portal);
        var client = configured.CreateClient();

        var get = await SendAsync(client, HttpMethod.Get, path, Portal);
        Assert.False(get.Headers.Contains("Access-Control-Allow-Origin"));
        var preflight = await SendAsync(client, HttpMethod.Options, path, Portal, preflight: true, method: "POST");
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Theory]
    [InlineData("https://kkr.krakow.pl/widget")]
    [InlineData("https://*.krakow.pl")]
    [InlineData("kkr.krakow.pl")]
    [InlineData("https://kkr.krakow.pl; script-src *")]
    [InlineData("javascript:alert(1)")]
    public async Task AnAllowedOriginThatIsNotAPlainOriginStopsTheApp(string origin)
    {
        await using var configured = WithOrigins(origin);
        var error = await Record.ExceptionAsync(() => configured.CreateClient().GetAsync("/embed"));
        Assert.NotNull(error);
        Assert.Contains("Embed:AllowedOrigins", error.ToString());
    }

    [Fact]
    public async Task WidgetLoaderIsUnderFiveKilobytesGzipped()
    {
        var response = await app.CreateClient().GetAsync("/widget.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(bytes);
        }
        Assert.InRange(compressed.Length, 500, 5 * 1024 - 1);
    }

    [Theory]
    [InlineData("/embed")]
    [InlineData("/embed/docs")]
    public async Task EmbedPagesLoadScriptsFromFilesOnly(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var html = await response.Content.ReadAsStringAsync();
        var scripts = ScriptTag().Matches(html);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Contains(" src=\"/", script.Value));
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
    }

    static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod verb, string path, string? origin,
        bool preflight = false, string method = "GET")
    {
        var request = new HttpRequestMessage(verb, path);
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (preflight)
        {
            request.Headers.Add("Access-Control-Request-Method", method);
            request.Headers.Add("Access-Control-Request-Headers", "accept-language");
        }
        return await client.SendAsync(request);
    }

    static string[] VaryOf(HttpResponseMessage response) =>
        response.Headers.Vary.SelectMany(v => v.Split(',')).Select(v => v.Trim()).ToArray();

    [GeneratedRegex("<script[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
