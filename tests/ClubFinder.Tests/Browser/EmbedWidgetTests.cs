using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClubFinder.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// The widget as a site editor uses it: a page on another origin (another port) adds the loader
/// with one script tag, and Chromium enforces frame-ancestors, postMessage and permissions for real.
/// </summary>
public class EmbedWidgetTests(EmbedBrowserFixture fixture) : IClassFixture<EmbedBrowserFixture>
{
    const string Frame = "iframe[data-clubfinder-frame]";
    static readonly HttpClient Http = new();

    string AppUrl => fixture.App.BaseUrl;

    string ScriptTag(string attributes) => $"""<script src="{AppUrl}/widget.js" {attributes} async></script>""";

    async Task<JsonElement> ApiAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(AppUrl + path);

    /// <summary>Districts with clubs: (number, count), most clubs first.</summary>
    async Task<(int Number, int Count)[]> DistrictsWithClubsAsync()
    {
        var districts = await ApiAsync("/api/districts");
        var result = new List<(int, int)>();
        foreach (var district in districts.EnumerateArray())
        {
            var number = district.GetProperty("number").GetInt32();
            var clubs = await ApiAsync($"/api/clubs?district={number}");
            var count = clubs.GetProperty("items").GetArrayLength();
            if (count > 0) result.Add((number, count));
        }
        return [.. result.OrderByDescending(d => d.Item2).ThenBy(d => d.Item1)];
    }

    static async Task<IFrame> FrameAsync(IPage page, int index = 0)
    {
        var element = await page.Locator(Frame).Nth(index).ElementHandleAsync();
        var frame = await element.ContentFrameAsync();
        Assert.NotNull(frame);
        return frame!;
    }

    /// <summary>Waits until the frame shows a finished search (results listed, nothing busy).</summary>
    static async Task WaitForResultsAsync(IFrame frame)
    {
        await frame.WaitForFunctionAsync("""
            () => document.querySelector('#result-count')?.dataset.kind === 'info'
               && !document.querySelector('#results-section').hasAttribute('aria-busy')
            """);
    }

    /// <summary>Waits until the iframe is as tall as the document inside it, and stays so.</summary>
    static async Task<int> WaitForMatchedHeightAsync(IPage page, int index = 0)
    {
        var frame = await FrameAsync(page, index);
        var watch = Stopwatch.StartNew();
        int? previous = null;
        while (true)
        {
            var outer = await page.Locator(Frame).Nth(index).EvaluateAsync<double>("f => f.getBoundingClientRect().height");
            var inner = await frame.EvaluateAsync<double>("() => document.documentElement.getBoundingClientRect().height");
            var height = (int)Math.Round(outer);
            if (Math.Abs(outer - inner) <= 2 && previous == height) return height;
            previous = Math.Abs(outer - inner) <= 2 ? height : null;
            if (watch.Elapsed > Eventually.DefaultTimeout)
                Assert.Fail($"The frame is {outer}px tall but its content {inner}px.");
            await Task.Delay(250);
        }
    }

    static async Task<string[]> ListedNamesAsync(IFrame frame) =>
        [.. (await frame.Locator("#results .club-link").AllTextContentsAsync()).Select(n => n.Trim()).Order(StringComparer.Ordinal)];

    static string[] NamesOf(JsonElement clubs) =>
        [.. clubs.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!.Trim()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task WidgetShowsTheChosenDistrictsClubsInATitledLazyFrame()
    {
        var (district, _) = (await DistrictsWithClubsAsync())[0];
        var path = fixture.Host.Page("district", ScriptTag($"""data-district="{district}" data-lang="pl" """));
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.AllowedOrigin + path);

        var iframe = page.Locator(Frame);
        Assert.False(string.IsNullOrWhiteSpace(await iframe.GetAttributeAsync("title")));
        Assert.Equal("lazy", await iframe.GetAttributeAsync("loading"));
        Assert.Equal("geolocation", await iframe.GetAttributeAsync("allow"));
        Assert.Equal("strict-origin", await iframe.GetAttributeAsync("referrerpolicy"));
        Assert.StartsWith($"{AppUrl}/embed?district={district}&lang=pl&id=", await iframe.GetAttributeAsync("src"));

        var frame = await FrameAsync(page);
        await WaitForResultsAsync(frame);
        Assert.Equal(NamesOf(await ApiAsync($"/api/clubs?district={district}")), await ListedNamesAsync(frame));
        Assert.Equal("pl", await frame.EvaluateAsync<string>("() => document.documentElement.lang"));
        // Links to the full site leave the frame for a new tab.
        Assert.Equal("_blank", await frame.Locator("#full-site-link").GetAttributeAsync("target"));
        Assert.Equal("noopener", await frame.Locator("#full-site-link").GetAttributeAsync("rel"));
        Assert.Equal($"/?district={district}", await frame.Locator("#full-site-link").GetAttributeAsync("href"));
        // Nothing stored: no cookies for the app's origin, and no local storage without remember.
        Assert.Empty(await context.CookiesAsync([AppUrl]));
        Assert.Equal(0, await frame.EvaluateAsync<int>("() => localStorage.length"));
    }

    [Fact]
    public async Task TheDefaultFrameIsCompactAndGrowsWhenTheVisitorAsksForAllClubs()
    {
        var total = (await ApiAsync("/api/clubs")).GetProperty("items").GetArrayLength();
        Assert.True(total > 3, "The seed data needs more clubs than the compact list shows.");
        var path = fixture.Host.Page("grow", ScriptTag(""));
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.AllowedOrigin + path);
        var frame = await FrameAsync(page);
        await WaitForResultsAsync(frame);
        await Expect(frame.Locator("#results .club-item")).ToHaveCountAsync(3);
        var before = await WaitForMatchedHeightAsync(page);
        Assert.True(before <= 900, $"The default widget is {before}px tall on a desktop; it should stay compact (at most 900px).");

        var more = frame.Locator(".results__more");
        await Expect(more).ToHaveTextAsync(new Regex($@"\b{total}\b"));
        await more.ClickAsync();
        await Expect(frame.Locator("#results .club-item")).ToHaveCountAsync(total);
        await Expect(more).ToBeHiddenAsync();
        // Focus moves to the first club that was not listed before, so a keyboard user goes on from there.
        await Expect(frame.Locator("#results .club-item").Nth(3).Locator("a.club-link")).ToBeFocusedAsync();
        var after = await WaitForMatchedHeightAsync(page);

        Assert.True(after > before + 100, $"The frame did not grow with the list: {before}px → {after}px.");
        Assert.False(await frame.EvaluateAsync<bool>("() => document.scrollingElement.scrollHeight > innerHeight + 1"),
            "The frame should never need its own scroll bar.");
    }

    [Fact]
    public async Task UseMyLocationInsideTheFrameListsTheNearestClubs()
    {
        var club = (await ApiAsync("/api/clubs")).GetProperty("items").EnumerateArray()
            .First(c => c.GetProperty("location").ValueKind == JsonValueKind.Object);
        var lat = club.GetProperty("location").GetProperty("lat").GetDouble() + 0.0005;
        var lon = club.GetProperty("location").GetProperty("lon").GetDouble();
        var nearest = await ApiAsync(FormattableString.Invariant($"/api/clubs/nearest?lat={lat}&lon={lon}&limit=50"));
        var path = fixture.Host.Page("locate", ScriptTag("""data-lang="en" data-view="list" """));

        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            Geolocation = new Geolocation { Latitude = (float)lat, Longitude = (float)lon },
        });
        // Chromium keys the permission on the top-level page (permission delegation): the visitor
        // grants it to the host site, and the frame may use it only because allow="geolocation" delegates it.
        await context.GrantPermissionsAsync(["geolocation"], new BrowserContextGrantPermissionsOptions { Origin = fixture.Host.AllowedOrigin });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.AllowedOrigin + path);
        var frame = await FrameAsync(page);
        await WaitForResultsAsync(frame);

        await frame.Locator("#use-location").ClickAsync();
        await Assertions.Expect(frame.Locator("#results-heading")).ToHaveTextAsync("Nearest clubs");
        await WaitForResultsAsync(frame);

        var first = nearest.GetProperty("items")[0].GetProperty("name").GetString();
        await Assertions.Expect(frame.Locator("#results .club-link").First).ToHaveTextAsync(first!);
        await Assertions.Expect(frame.Locator("#results-origin")).ToContainTextAsync("your location");
        await frame.Locator(".results__more").ClickAsync();
        Assert.Equal(nearest.GetProperty("items").GetArrayLength(), await frame.Locator("#results .club-item").CountAsync());
    }

    [Fact]
    public async Task AClubOpensInsideTheFrameAndEscapeReturnsToIt()
    {
        var path = fixture.Host.Page("details", ScriptTag("""data-lang="en" data-view="list" """));
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.AllowedOrigin + path);
        var frame = await FrameAsync(page);
        await WaitForResultsAsync(frame);
        var before = await WaitForMatchedHeightAsync(page);

        var link = frame.Locator("#results .club-link").Nth(1);
        var name = (await link.TextContentAsync())!.Trim();
        await link.FocusAsync();
        await link.PressAsync("Enter");

        await Assertions.Expect(frame.Locator("#club-details-heading")).ToHaveTextAsync(name);
        await Assertions.Expect(frame.Locator("#club-details-heading")).ToBeFocusedAsync();
        await Assertions.Expect(frame.Locator("#results-section")).ToBeHiddenAsync();
        Assert.Equal(fixture.Host.AllowedOrigin + path, page.Url);
        Assert.StartsWith(AppUrl + "/embed?", frame.Url);
        var clubLink = frame.Locator("#club-full-site-link");
        Assert.Equal("_blank", await clubLink.GetAttributeAsync("target"));
        Assert.Matches("^/clubs/[^/]+$", await clubLink.GetAttributeAsync("href"));
        var detailsHeight = await WaitForMatchedHeightAsync(page);
        Assert.NotEqual(before, detailsHeight);

        await frame.Locator("#club-details-heading").PressAsync("Escape");
        await Assertions.Expect(frame.Locator("#results-section")).ToBeVisibleAsync();
        await Assertions.Expect(frame.Locator("#results .club-link").Nth(1)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task FocusMovesIntoTheFrameAndOutAgainByKeyboard()
    {
        var path = fixture.Host.Page("keyboard", ScriptTag("""data-lang="en" data-view="list" """));
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.AllowedOrigin + path);
        var frame = await FrameAsync(page);
        await WaitForResultsAsync(frame);

        await page.Locator("#before").FocusAsync();
        var reachedClub = false;
        for (var presses = 0; presses < 150; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var hostFocus = await page.EvaluateAsync<string>("() => document.activeElement?.id || document.activeElement?.tagName");
            if (hostFocus == "after")
            {
                Assert.True(reachedClub, "Tab went past the widget without reaching its clubs.");
                return;
            }
            if (hostFocus == "IFRAME" && !reachedClub)
            {
                reachedClub = await frame.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('club-link') === true");
                if (reachedClub)
                {
                    // The list works by keyboard: Enter opens the club, Escape comes back to it.
                    await page.Keyboard.PressAsync("Enter");
                    await Assertions.Expect(frame.Locator("#club-details-heading")).ToBeFocusedAsync();
                    await page.Keyboard.PressAsync("Escape");
                    await frame.WaitForFunctionAsync("() => document.activeElement?.classList.contains('club-link') === true");
                }
            }
        }
        Assert.Fail("Focus never left the widget for the host page's next link.");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheLanguageIsRememberedOnlyWhenTheHostOptsIn(bool remember)
    {
        var path = fixture.Host.Page(remember ? "remember" : "forget", ScriptTag(remember ? """data-view="list" data-remember="true" """ : """data-view="list" """));
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.AllowedOrigin + path);
        var frame = await FrameAsync(page);
        await WaitForResultsAsync(frame);
        await frame.Locator("#lang-select").SelectOptionAsync("uk");
        await frame.WaitForFunctionAsync("() => document.documentElement.lang === 'uk'");

        var stored = await frame.EvaluateAsync<string?>("() => localStorage.getItem('clubfinder.lang')");
        Assert.Equal(remember ? "uk" : null, stored);
        Assert.Equal(remember ? 1 : 0, await frame.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Empty(await context.CookiesAsync([AppUrl]));

        // With the opt-in, the next visit starts in the remembered language.
        await page.ReloadAsync();
        var again = await FrameAsync(page);
        await WaitForResultsAsync(again);
        Assert.Equal(remember ? "uk" : "pl", await again.EvaluateAsync<string>("() => document.documentElement.lang"));
    }

    [Fact]
    public async Task AHostNotOnTheAllowListIsRefusedByTheBrowser()
    {
        var path = fixture.Host.Page("refused", ScriptTag("""data-lang="en" """));
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var refusals = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("frame-ancestors")) lock (refusals) refusals.Add(message.Text);
        };
        var blocked = page.WaitForConsoleMessageAsync(new PageWaitForConsoleMessageOptions
        {
            Predicate = message => message.Text.Contains("frame-ancestors"),
        });
        await page.GotoAsync(fixture.Host.RefusedOrigin + path);
        await blocked;

        // The loader still inserted its frame, but the browser rendered none of the finder in it.
        Assert.Equal(1, await page.Locator(Frame).CountAsync());
        var frame = await FrameAsync(page);
        Assert.False(frame.Url.StartsWith(AppUrl + "/embed", StringComparison.Ordinal) &&
            await frame.Locator("#search-form").CountAsync() > 0, "The finder rendered on a host that is not allowed.");
        Assert.Equal(0, await frame.Locator("#search-form").CountAsync());
        Assert.Contains(refusals, text => text.Contains(fixture.Host.RefusedOrigin) || text.Contains("ancestor"));
    }

    [Fact]
    public async Task MalformedMessagesFromTheHostChangeNothingAndThrowNothing()
    {
        var path = fixture.Host.Page("messages", ScriptTag("""data-lang="en" data-view="list" """));
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };
        // Map tiles are refused on purpose (net::ERR_FAILED); any other console error counts.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) lock (errors) errors.Add(message.Text);
        };
        await page.GotoAsync(fixture.Host.AllowedOrigin + path);
        var frame = await FrameAsync(page);
        await WaitForResultsAsync(frame);
        var height = await WaitForMatchedHeightAsync(page);
        var heading = await frame.Locator("#results-heading").TextContentAsync();
        var count = await frame.Locator("#results .club-item").CountAsync();

        // Each window handles its messages in order: a marker posted after the junk tells when all of it was handled.
        const string ListenForMarker = "() => { window.__flushed = new Promise(done => window.addEventListener('message', e => { if (e.data === 'test:flushed') done(true); })); }";
        await frame.EvaluateAsync(ListenForMarker);
        await page.EvaluateAsync(ListenForMarker);
        await page.EvaluateAsync("""
            () => {
              const frame = document.querySelector('iframe[data-clubfinder-frame]');
              const id = frame.dataset.clubfinderFrame;
              const junk = [
                'clubfinder:height', '{"type":"clubfinder:height","height":5}', 42, -1, 1e308, NaN, Infinity, null, undefined, true,
                [], ['clubfinder:height', 5], {}, { type: 'unknown' }, { type: 42 }, { type: null }, { type: ['clubfinder:measure'] },
                { type: 'clubfinder:height', id, height: 5 }, { type: 'clubfinder:height', id, height: 1e308 },
                { type: 'clubfinder:height', id, height: -Infinity }, { type: 'clubfinder:height', id, height: '9999' },
                { type: 'clubfinder:search', district: '1' }, { type: 'CLUBFINDER:MEASURE' }, 'x'.repeat(1000000),
                new Array(10000).fill({ type: 'clubfinder:height', id, height: 1 })
              ];
              for (const message of junk) {
                // To the frame, as any script on the host page could ...
                frame.contentWindow.postMessage(message, '*');
                // ... and to the host page itself, pretending to be the frame (wrong origin and source).
                window.postMessage(message, '*');
              }
              frame.contentWindow.postMessage('test:flushed', '*');
              window.postMessage('test:flushed', '*');
            }
            """);
        Assert.True(await frame.EvaluateAsync<bool>("() => window.__flushed"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__flushed"));

        Assert.Equal(height, (int)Math.Round(await page.Locator(Frame).EvaluateAsync<double>("f => f.getBoundingClientRect().height")));
        Assert.Equal(heading, await frame.Locator("#results-heading").TextContentAsync());
        Assert.Equal(count, await frame.Locator("#results .club-item").CountAsync());
        Assert.Empty(errors);
        // The widget still works after all that.
        await frame.Locator("#results .club-link").First.ClickAsync();
        await Assertions.Expect(frame.Locator("#club-details-heading")).ToBeFocusedAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoWidgetsOnOnePageSizeIndependently(bool placeholders)
    {
        var districts = await DistrictsWithClubsAsync();
        var (most, _) = districts[0];
        var (fewest, _) = districts[^1];
        var path = fixture.Host.Page(placeholders ? "two-placeholders" : "two-scripts", placeholders
            ? $"""
              <section aria-label="Widget one"><div data-clubfinder data-district="{fewest}" data-lang="en" data-view="list"></div></section>
              <section aria-label="Widget two"><div data-clubfinder data-district="{most}" data-lang="pl" data-view="list"></div></section>
              {ScriptTag("data-clubfinder-loader")}
              """
            : $"""
              <section aria-label="Widget one">{ScriptTag($"""data-district="{fewest}" data-lang="en" data-view="list" """)}</section>
              <section aria-label="Widget two">{ScriptTag($"""data-district="{most}" data-lang="pl" data-view="list" """)}</section>
              """);
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 3000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.AllowedOrigin + path);
        await Assertions.Expect(page.Locator(Frame)).ToHaveCountAsync(2);
        var ids = await page.Locator(Frame).EvaluateAllAsync<string[]>("frames => frames.map(f => f.dataset.clubfinderFrame)");
        Assert.Equal(2, ids.Distinct().Count());

        var one = await FrameAsync(page, 0);
        var two = await FrameAsync(page, 1);
        await WaitForResultsAsync(one);
        await WaitForResultsAsync(two);
        var oneBefore = await WaitForMatchedHeightAsync(page, 0);
        var twoBefore = await WaitForMatchedHeightAsync(page, 1);
        Assert.True(twoBefore > oneBefore, $"The longer list should make the taller frame ({oneBefore}px vs {twoBefore}px).");
        Assert.Equal("en", await one.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Equal("pl", await two.EvaluateAsync<string>("() => document.documentElement.lang"));

        // Growing the first widget's list (all clubs, all shown) leaves the second widget alone.
        var total = (await ApiAsync("/api/clubs")).GetProperty("items").GetArrayLength();
        await one.Locator("#district-select").SelectOptionAsync("");
        await WaitForResultsAsync(one);
        await one.Locator(".results__more").ClickAsync();
        await one.WaitForFunctionAsync("n => document.querySelectorAll('#results .club-item').length === n", total);
        var oneAfter = await WaitForMatchedHeightAsync(page, 0);
        Assert.True(oneAfter > oneBefore + 100, $"The first frame did not grow: {oneBefore}px → {oneAfter}px.");
        Assert.Equal(twoBefore, await WaitForMatchedHeightAsync(page, 1));
    }

    [Fact]
    public async Task AxeFindsNoSeriousViolationsInsideTheFrame()
    {
        var (district, _) = (await DistrictsWithClubsAsync())[0];
        var path = fixture.Host.Page("axe", ScriptTag($"""data-district="{district}" data-lang="pl" """));
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Host.AllowedOrigin + path);
        var frame = await FrameAsync(page);
        await WaitForResultsAsync(frame);
        await AssertNoSeriousViolationsAsync(page, "list");

        await frame.Locator("#results .club-link").First.ClickAsync();
        await Assertions.Expect(frame.Locator("#club-details-heading")).ToBeFocusedAsync();
        await frame.WaitForFunctionAsync("() => !document.querySelector('#club-details').hasAttribute('aria-busy')");
        await AssertNoSeriousViolationsAsync(page, "details");
    }

    [Fact]
    public async Task AnEditorCopiesTheSnippetFromTheDocsAndItWorksOnTheirPage()
    {
        var (district, _) = (await DistrictsWithClubsAsync())[0];
        await using var context = await fixture.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = AppUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync(AppUrl + "/embed/docs?lang=en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("The club finder on your website");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#snippet-district option').length > 1");

        await page.GetByLabel("District").SelectOptionAsync(district.ToString());
        await page.GetByLabel("Widget language").SelectOptionAsync("en");
        await page.GetByLabel("View", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync("list");
        var snippet = await page.Locator("#snippet-code").InputValueAsync();
        Assert.Equal($"""<script src="{AppUrl}/widget.js" data-district="{district}" data-lang="en" data-view="list" async></script>""", snippet);
        Assert.Contains($"{AppUrl}/embed?district={district}&amp;lang=en&amp;view=list", await page.Locator("#iframe-code").InputValueAsync());

        // The preview is a real widget with the chosen settings.
        var preview = page.Locator("#preview " + Frame);
        await Assertions.Expect(preview).ToHaveCountAsync(1);
        Assert.Contains($"district={district}&lang=en&view=list", await preview.GetAttributeAsync("src"));
        var previewFrame = await FrameAsync(page);
        await WaitForResultsAsync(previewFrame);
        var expected = NamesOf(await ApiAsync($"/api/clubs?district={district}"));
        Assert.Equal(expected, await ListedNamesAsync(previewFrame));

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Copy the code", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#copy-status")).ToHaveTextAsync("The code has been copied to the clipboard.");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(snippet, copied);
        await AssertNoSeriousViolationsAsync(page, "docs");

        await page.Locator("#lang-select").SelectOptionAsync("pl");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Wyszukiwarka klubów na Twojej stronie");
        // The snippet's frame title follows the widget's language, not the page's.
        Assert.Contains("title=\"Finder of parents’ clubs in Kraków\"", await page.Locator("#iframe-code").InputValueAsync());

        // Pasted into a page on an allowed site, the one line is a working, self-sizing finder.
        var path = fixture.Host.Page("pasted", copied);
        var host = await context.NewPageAsync();
        await host.GotoAsync(fixture.Host.AllowedOrigin + path);
        var frame = await FrameAsync(host);
        await WaitForResultsAsync(frame);
        Assert.Equal(expected, await ListedNamesAsync(frame));
        await WaitForMatchedHeightAsync(host);
    }

    static async Task AssertNoSeriousViolationsAsync(IPage page, string state)
    {
        // Runs axe in the host page and, through axe's frame support, inside the widget's frame.
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Select(n => n.Html))}")
            .ToArray();
        Assert.True(serious.Length == 0, $"axe ({state}):\n" + string.Join("\n", serious));
        Assert.Contains(result.Passes, p => p.Nodes.Any(n => n.Target.ToString()!.Contains("iframe", StringComparison.Ordinal)));
    }
}
