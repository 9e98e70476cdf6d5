using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// One headless Chromium per test class (use as <c>IClassFixture&lt;BrowserSession&gt;</c>): the
/// distribution's /usr/bin/chromium, never Playwright's own download. Pages made here reach only
/// 127.0.0.1 (map tiles and anything else are aborted) and record page errors, console errors and
/// dialogs, so a test can fail on them.
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    IPlaywright? playwright;
    IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install the distribution's package (apt-get install -y chromium).");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
    }

    /// <summary>A new context and page; <paramref name="options"/> sets viewport, locale, geolocation, permissions.</summary>
    public async Task<BrowserPage> NewPageAsync(string baseUrl, BrowserNewContextOptions? options = null)
    {
        options ??= new();
        options.BaseURL ??= baseUrl;
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 800 };
        options.Locale ??= "pl-PL";
        options.TimezoneId ??= "Europe/Warsaw";
        var context = BrowserTimeouts.Apply(await Browser.NewContextAsync(options));
        var origin = new Uri(baseUrl);
        // Nothing leaves the machine: tiles (and anything else off 127.0.0.1) fail fast, as offline.
        await context.RouteAsync(url => !IsLocal(url, origin), route => route.AbortAsync());
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page, origin);
    }

    static bool IsLocal(string url, Uri origin) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme is "data" or "blob" || (uri.Host == origin.Host && uri.Port == origin.Port));

    /// <summary>artifacts/screenshots under the repository root (the folder with ClubFinder.sln).</summary>
    public static string ScreenshotDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClubFinder.sln"))) dir = dir.Parent;
        var root = dir?.FullName ?? Directory.GetCurrentDirectory();
        var path = Path.Combine(root, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}

/// <summary>A page with its context and what went wrong on it.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    readonly List<string> problems = [];
    readonly Uri origin;

    public BrowserPage(IBrowserContext context, IPage page, Uri origin)
    {
        Context = context;
        Page = page;
        this.origin = origin;
        page.PageError += (_, error) => Record($"page error: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsOffSiteNoise(message)) Record($"console error: {message.Text} ({message.Location})");
        };
        page.Dialog += async (_, dialog) =>
        {
            Record($"dialog ({dialog.Type}): {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    public IBrowserContext Context { get; }
    /// <summary>http://127.0.0.1:port, without a trailing slash.</summary>
    public string BaseUrl => origin.GetLeftPart(UriPartial.Authority);
    public IPage Page { get; }
    public IReadOnlyList<string> Problems { get { lock (problems) return [.. problems]; } }

    void Record(string problem)
    {
        lock (problems) problems.Add(problem);
    }

    // A blocked tile is a "Failed to load resource" from another host: expected offline, not ours.
    bool IsOffSiteNoise(IConsoleMessage message) =>
        message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
        && Uri.TryCreate(message.Location, UriKind.Absolute, out var uri)
        && uri.Host != origin.Host;

    public void AssertNoProblems() =>
        Assert.True(Problems.Count == 0, "The page reported problems:\n" + string.Join("\n", Problems));

    /// <summary>axe-core on the page as it is: no serious or critical violation.</summary>
    public async Task AssertAccessibleAsync(string state)
    {
        await WaitForStillMapAsync(Page);
        var result = await Page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (bad.Count == 0) return;
        var text = new StringBuilder($"axe found {bad.Count} serious or critical violation(s) in state '{state}':\n");
        foreach (var v in bad)
        {
            text.AppendLine($"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}");
            foreach (var node in v.Nodes.Take(5))
                text.AppendLine($"    {string.Join(" ", node.Target?.ToString() ?? "")}: {Shorten(node.Html)} — {string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message))}");
        }
        Assert.Fail(text.ToString());
    }

    /// <summary>Markers fading in during a zoom have no stable contrast: axe measures a map that has stopped moving.</summary>
    public static async Task WaitForStillMapAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => !document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')");

    static string Shorten(string? html) => html is null ? "" : html.Length > 160 ? html[..160] + "…" : html;

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotDirectory(), name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
