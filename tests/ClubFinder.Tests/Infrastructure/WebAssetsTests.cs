using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ClubFinder.Api.Infrastructure;
using Microsoft.Extensions.FileProviders;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>Revalidation without a body, compressed answers, and static files cacheable for a year under versioned URLs.</summary>
[Collection(AppCollection.Name)]
public partial class WebAssetsTests(ClubFinderApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/about/")]
    [InlineData("/coverage/")]
    public async Task PagesComeWithTheirPolishTextsBeforeAnyScriptRuns(string url)
    {
        var catalog = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "wwwroot", "i18n", "pl.json")))
            .RootElement.EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var client = app.CreateClient();
        var html = await client.GetStringAsync(url);
        var elements = TranslatedElement().Matches(html);
        Assert.NotEmpty(elements);
        var filled = 0;
        foreach (Match m in elements)
        {
            var key = m.Groups["key"].Value;
            var text = WebUtility.HtmlDecode(m.Groups["text"].Value);
            if (catalog.TryGetValue(key, out var expected) && !expected.Contains('{'))
            {
                Assert.Equal(expected, text);
                filled++;
            }
            else Assert.Equal("", text); // placeholders and plural forms are the scripts' to fill
        }
        Assert.True(filled > 0, "no text filled in");
        Assert.Contains("data-i18n=\"app.title\">Kluby Rodziców w Krakowie</a>", html);
        // A link in another language gets the finder without Polish texts (its scripts fill in English or Ukrainian);
        // the about and coverage pages are written with their Polish texts in the file.
        if (url != "/") return;
        var english = await client.GetStringAsync(url + "?lang=en");
        Assert.All(TranslatedElement().Matches(english), m => Assert.Equal("", m.Groups["text"].Value));
        Assert.Contains("data-i18n=\"app.title\"></a>", english);
    }

    [GeneratedRegex("""<(?<tag>[a-z][a-z0-9]*)\s[^<>]*?\bdata-i18n="(?<key>[^"]+)"[^<>]*>(?<text>[^<]*)</\k<tag>>""")]
    private static partial Regex TranslatedElement();

    [Theory]
    [InlineData("/api/clubs")]
    [InlineData("/api/clubs/nearest?lat=50.06&lon=19.94")]
    [InlineData("/api/calendar.ics")]
    public async Task ARevalidationWithTheCurrentETagIsA304WithoutABody(string url)
    {
        var client = app.CreateClient();
        var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEmpty(await first.Content.ReadAsByteArrayAsync());
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task AChangedClubListIsNotAnsweredWithA304ForTheOldETag()
    {
        var name = $"TEST synthetic etag {Guid.NewGuid():N}"[..40];
        var url = $"/api/clubs?q={Uri.EscapeDataString(name)}";
        var client = app.CreateClient();
        var before = await client.GetAsync(url);
        Assert.Contains("\"total\":0", await before.Content.ReadAsStringAsync());
        await using var db = await app.OpenConnectionAsync();
        var slug = await SyntheticClubs.InsertAsync(db, 50.05, 19.93, name: name);
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug));
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
            var after = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.Contains(slug, await after.Content.ReadAsStringAsync());
        }
        finally
        {
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }

    [Theory]
    [InlineData("/", "br")]
    [InlineData("/", "gzip")]
    [InlineData("/css/site.css", "br")]
    [InlineData("/js/main.js", "gzip")]
    [InlineData("/api/clubs", "br")]
    [InlineData("/api/clubs.geojson", "gzip")]
    [InlineData("/api/calendar.ics", "br")]
    [InlineData("/api/export/clubs.csv", "br")]
    public async Task CompressedAnswersDecompressToTheSameBytes(string url, string encoding)
    {
        var client = app.CreateClient();
        var plain = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var expected = await plain.Content.ReadAsByteArrayAsync();
        // Asked three times: API answers are kept from the second ask, and the third comes compressed from the kept body.
        for (var ask = 0; ask < 3; ask++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            var compressed = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
            Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
            Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
            var raw = await compressed.Content.ReadAsByteArrayAsync();
            using var output = new MemoryStream();
            using (Stream decoder = encoding == "br" ? new BrotliStream(new MemoryStream(raw), CompressionMode.Decompress) : new GZipStream(new MemoryStream(raw), CompressionMode.Decompress))
                await decoder.CopyToAsync(output);
            Assert.Equal(expected, output.ToArray());
            Assert.True(raw.Length < expected.Length, $"{url}: {raw.Length} compressed bytes, {expected.Length} plain");
        }
    }

    [GeneratedRegex(@"src=""(/static/([0-9a-f]+)/js/main\.js)""")]
    private static partial Regex MainScript();

    [Fact]
    public async Task PagesAreRevalidatedAndTheirAssetsAreCacheableForAYearUnderTheVersionedPrefix()
    {
        var client = app.CreateClient();
        var page = await client.GetAsync("/");
        Assert.True(page.Headers.CacheControl!.NoCache);
        var html = await page.Content.ReadAsStringAsync();
        var script = MainScript().Match(html);
        Assert.True(script.Success, "index.html as served does not load main.js from /static/{version}/");
        Assert.DoesNotContain("href=\"/css/site.css\"", html);
        Assert.Contains($"href=\"/static/{script.Groups[2].Value}/css/site.css\"", html);

        var versioned = await client.GetAsync(script.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), versioned.Headers.CacheControl!.MaxAge);
        Assert.Contains("immutable", versioned.Headers.CacheControl.ToString());
        // Relative imports in the module resolve under the same prefix.
        var imported = await client.GetAsync(script.Groups[1].Value.Replace("main.js", "api.js"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(await (await client.GetAsync("/js/api.js")).Content.ReadAsStringAsync(), await imported.Content.ReadAsStringAsync());

        // An old page's URL still loads, but is not kept for a year.
        var stale = await client.GetAsync("/static/000000000000/js/main.js");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.True(stale.Headers.CacheControl!.NoCache);
        var unversioned = await client.GetAsync("/js/main.js");
        Assert.True(unversioned.Headers.CacheControl!.NoCache);

        var clubPage = await (await client.GetAsync("/clubs/no-such-club")).Content.ReadAsStringAsync();
        Assert.Contains(script.Groups[1].Value, clubPage);
    }

    [Fact]
    public void AChangedFileGetsANewVersionAndSoNewUrls()
    {
        var root = Directory.CreateTempSubdirectory("clubfinder-assets-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "js"));
            File.WriteAllText(Path.Combine(root.FullName, "js", "main.js"), "export const a = 1;\n");
            File.WriteAllText(Path.Combine(root.FullName, "site.css"), "body { color: black; }\n");
            using var files = new PhysicalFileProvider(root.FullName);
            var before = StaticAssets.VersionOf(files);
            Assert.Equal(before, StaticAssets.VersionOf(files));
            File.WriteAllText(Path.Combine(root.FullName, "js", "main.js"), "export const a = 2;\n");
            using var changed = new PhysicalFileProvider(root.FullName);
            var after = StaticAssets.VersionOf(changed);
            Assert.NotEqual(before, after);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
