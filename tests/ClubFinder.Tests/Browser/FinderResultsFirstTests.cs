using System.Text.Json;
using System.Text.RegularExpressions;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Infrastructure;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// "Results first": on a 360 px phone a search ends with the first card in view, a map click shows
/// its results, the club page's actions are thumb-sized, nothing overflows at 320 px; the server's
/// club page reads without scripts and carries Open Graph and JSON-LD; desktop side by side.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FinderResultsFirstTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    static BrowserNewContextOptions Phone(int width = 360) => new()
    {
        ViewportSize = new() { Width = width, Height = 740 },
        IsMobile = true,
        HasTouch = true,
    };

    static async Task AssertFullyInViewAsync(IPage page, ILocator locator, string what)
    {
        var box = await locator.BoundingBoxAsync() ?? throw new InvalidOperationException($"{what} has no box");
        var height = await page.EvaluateAsync<int>("() => window.innerHeight");
        Assert.True(box.Y >= 0 && box.Y + box.Height <= height,
            $"{what} is not fully visible: top {box.Y:F0}, bottom {box.Y + box.Height:F0}, screen height {height}");
    }

    [Fact]
    public async Task OnAPhoneTheFirstResultCardIsFullyVisibleAfterASearch()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, Phone());
        var p = page.Page;
        await OpenAsync(page, "/");
        await p.SelectOptionAsync("#district-select", "3");
        await p.Locator("#search-form button[type=submit]").TapAsync();
        await AssertAtAsync(page, "/?district=3");
        await WaitUntilSettledAsync(page);
        await Expect(Items(page).First).ToBeVisibleAsync();
        await AssertFullyInViewAsync(p, Items(page).First, "the first result card after a district search");
        page.AssertNoProblems();
    }

    [Theory]
    [InlineData("/?district=3")]
    [InlineData("/?district=8&lang=uk")] // no club in Dębniki: the nearest ones, under a longer heading
    [InlineData("/?lat=50.0614&lon=19.9366&place=Rynek")]
    public async Task OnAPhoneALinkToASearchOpensAtItsFirstCard(string link)
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, Phone());
        var p = page.Page;
        await OpenAsync(page, link);
        await WaitUntilSettledAsync(page);
        await Expect(Items(page).First).ToBeVisibleAsync();
        await AssertFullyInViewAsync(p, Items(page).First, $"the first result card of {link}");
        // What the screen shows (not the whole page): the card under the thumb.
        await p.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotDirectory(), "phone-link-" + Regex.Replace(link, "[^A-Za-z0-9]+", "-").Trim('-') + ".png") });
        page.AssertNoProblems();
    }

    [Fact]
    public async Task OnAPhoneTheLandingPageStaysAtItsTop()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, Phone());
        await OpenAsync(page, "/");
        await WaitUntilSettledAsync(page);
        Assert.Equal(0, await page.Page.EvaluateAsync<double>("() => window.scrollY"));
    }

    [Fact]
    public async Task OnAPhoneAMapClickShowsItsResults()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, Phone());
        var p = page.Page;
        await OpenAsync(page, "/");
        await p.Locator("#view-toggle").TapAsync();
        await Expect(p.Locator("#map")).ToBeVisibleAsync();
        await SearchFromMapClickAsync(page);
        await Expect(p.Locator("#view-toggle")).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(p.Locator("#map")).ToBeHiddenAsync();
        await Expect(Items(page).First).ToBeVisibleAsync();
        await AssertFullyInViewAsync(p, Items(page).First, "the first result card after a map click");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task TheClubPagesActionsAndMapControlsAreAtLeast44PixelsAndNothingOverflowsAt320()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, Phone(320));
        var p = page.Page;
        await OpenAsync(page, $"/clubs/{MalwaSlug}");
        var actions = p.Locator("#club-details .actions .action");
        Assert.True(await actions.CountAsync() >= 3, "call, directions, calendar, share and map are expected for Malwa");
        foreach (var action in await actions.AllAsync())
        {
            var box = await action.BoundingBoxAsync();
            Assert.True(box!.Width >= 44 && box.Height >= 44, $"'{await action.InnerTextAsync()}' is {box.Width:F0}×{box.Height:F0} px");
        }
        await Expect(p.Locator("#club-details .day-cards")).ToBeVisibleAsync(); // the timetable as day cards
        await Expect(p.Locator("#club-details table.schedule")).ToBeHiddenAsync();
        await AssertNoOverflowAsync(p, "club page at 320 px");

        await OpenAsync(page, "/?district=3");
        await AssertNoOverflowAsync(p, "results at 320 px");
        await p.Locator("#view-toggle").TapAsync();
        await Expect(p.Locator("#map .leaflet-marker-icon").First).ToBeVisibleAsync();
        // A marker measured mid-zoom is scaled by the animation: measure the map once it is still, and
        // give a late animation time to end before calling a small target a failure.
        await BrowserPage.WaitForStillMapAsync(p);
        foreach (var target in new[] { "#map .leaflet-control-zoom-in", "#map .leaflet-marker-icon" })
        {
            try
            {
                await p.WaitForFunctionAsync(
                    "sel => { const r = document.querySelector(sel).getBoundingClientRect(); return r.width >= 44 && r.height >= 44; }",
                    target, new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                var box = await p.Locator(target).First.BoundingBoxAsync();
                Assert.Fail($"{target} is {box!.Width:F1}×{box.Height:F1} px");
            }
        }
        await AssertNoOverflowAsync(p, "map at 320 px");
        page.AssertNoProblems();
    }

    static async Task AssertNoOverflowAsync(IPage p, string state)
    {
        var widths = await p.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{state}: the page is {widths[0]} px wide on a {widths[1]} px screen");
    }

    [Fact]
    public async Task WithoutJavaScriptTheClubPageShowsItsFactsWithOpenGraphAndJsonLd()
    {
        var club = await app.GetJsonAsync<ClubDetails>($"/api/clubs/{MalwaSlug}");
        await using var page = await browser.NewPageAsync(app.BaseUrl, new() { JavaScriptEnabled = false });
        var p = page.Page;
        await p.GotoAsync($"/clubs/{MalwaSlug}?lang=en");
        await Expect(p.Locator("#club-details-heading")).ToHaveTextAsync(club.Name);
        await Expect(p.Locator("#club-details .facts")).ToContainTextAsync(club.Address.Label);
        await Expect(p.Locator("#club-details .facts")).ToContainTextAsync(club.District!.Name);
        await Expect(p.Locator("#club-details table.schedule tbody tr")).ToHaveCountAsync(club.Sessions.Count);
        await Expect(p.Locator("#club-details table.schedule tbody tr").First).ToContainTextAsync("Monday");
        await Expect(p.Locator("#club-details [lang=pl]").First).ToBeAttachedAsync(); // Polish data marked as such
        await Expect(p.Locator("#search-form")).ToBeHiddenAsync();
        await Expect(p).ToHaveTitleAsync(new Regex(Regex.Escape(club.Name)));
        await Expect(p.Locator("meta[property='og:title']")).ToHaveAttributeAsync("content", club.Name);
        await Expect(p.Locator("meta[name='description']")).ToHaveAttributeAsync("content", new Regex(Regex.Escape(club.Address.Label)));

        var ld = await p.Locator("script[type='application/ld+json']").TextContentAsync();
        using var json = JsonDocument.Parse(ld!);
        Assert.Equal("Place", json.RootElement.GetProperty("@type").GetString());
        Assert.Equal(club.Name, json.RootElement.GetProperty("name").GetString());
        Assert.Equal(club.Sessions.Count, json.RootElement.GetProperty("event").GetArrayLength());
        Assert.Equal("https://schema.org/Monday", json.RootElement.GetProperty("event")[0].GetProperty("eventSchedule").GetProperty("byDay").GetString());
    }

    [Fact]
    public async Task AClubNamedLikeMarkupStaysTextInTheServersPageAndItsJsonLd()
    {
        const string name = "</script><script>alert(1)</script> & <b>Klub</b>";
        string slug;
        await using (var db = await app.OpenConnectionAsync())
            slug = await SyntheticClubs.InsertAsync(db, 50.0614, 19.9366, name: name);
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug));
            using var http = new HttpClient();
            var html = await http.GetStringAsync($"{app.BaseUrl}/clubs/{slug}");
            Assert.DoesNotContain("<script>alert(1)", html);
            Assert.DoesNotContain("<b>Klub</b>", html);

            await using var page = await browser.NewPageAsync(app.BaseUrl, new() { JavaScriptEnabled = false });
            await page.Page.GotoAsync($"/clubs/{slug}");
            await Expect(page.Page.Locator("#club-details-heading")).ToHaveTextAsync(name);
            var ld = await page.Page.Locator("script[type='application/ld+json']").TextContentAsync();
            using var json = JsonDocument.Parse(ld!);
            Assert.Equal(name, json.RootElement.GetProperty("name").GetString());
            Assert.Equal(1, await page.Page.Locator("script[type='application/ld+json']").CountAsync());
        }
        finally
        {
            await using var db = await app.OpenConnectionAsync();
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }

    [Fact]
    public async Task WhenTheNextDatesFailToLoadTheClubPageSaysSo()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await p.RouteAsync("**/occurrences**", route => route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{\"status\":503,\"title\":\"x\"}" }));
        await OpenAsync(page, $"/clubs/{MalwaSlug}");
        await Expect(p.Locator("#club-details .dates .error-text")).ToHaveTextAsync(Catalogue("pl")["details.datesError"]);
        Assert.DoesNotContain(page.Problems, problem => problem.StartsWith("page error", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/?district=3")]
    [InlineData("/clubs/" + MalwaSlug)]
    [InlineData("/embed?district=3")]
    public async Task NothingShiftsWhileThePageLoads(string path)
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, Phone());
        await page.Context.AddInitScriptAsync("""
            window.__shifts = [];
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) {
                if (!entry.hadRecentInput) window.__shifts.push(entry.value);
              }
            }).observe({ type: 'layout-shift', buffered: true });
            // The 2.5 s reveal is a safety net for a slow network; on a loaded test machine it would fire
            // before the answer and measure the machine. Without it the page shows only when it says it is ready.
            document.addEventListener('DOMContentLoaded', () => {
              const style = document.createElement('style');
              style.textContent = 'body.finder-page > *, body.embed > * { animation: none !important; }';
              document.head.appendChild(style);
            });
            """);
        await OpenAsync(page, path);
        await Expect(page.Page.Locator("body.is-ready")).ToHaveCountAsync(1);
        // The district list arrives on its own; nothing may move when it does.
        await Expect(page.Page.Locator("#district-select option")).Not.ToHaveCountAsync(1);
        await page.Page.EvaluateAsync("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
        var total = await page.Page.EvaluateAsync<double>("() => window.__shifts.reduce((sum, value) => sum + value, 0)");
        Assert.True(total < 0.05, $"cumulative layout shift {total:F3} on {path}");
    }

    [Fact]
    public async Task OnADesktopTheListAndAMapOfAtLeastHalfTheWidthSitSideBySideAboveTheFold()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var p = page.Page;
        await OpenAsync(page, "/?district=3");
        await Expect(Items(page).First).ToBeVisibleAsync();
        var list = await Items(page).First.BoundingBoxAsync();
        var map = await p.Locator("#map").BoundingBoxAsync();
        Assert.True(list!.X + list.Width <= map!.X, "the map should sit to the right of the list");
        Assert.True(map.Width >= 640, $"the map is {map.Width:F0} px wide, less than half of 1280");
        Assert.True(map.Y < 400 && list.Y + list.Height <= 800, $"map top {map.Y:F0}, first card bottom {list.Y + list.Height:F0}: not above the fold");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task TheWhatIsAClubPageIsReachableFromTheHeaderAndEmptyResults()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await OpenAsync(page, "/?q=zzzzzz-nothing");
        await Expect(p.Locator("#results-empty")).ToBeVisibleAsync();
        await Expect(p.Locator("#results-section .results__about a[href='/about/']")).ToBeVisibleAsync();
        await p.Locator(".site-header a[href='/about/']").ClickAsync();
        await Expect(p.Locator("h1")).ToHaveTextAsync(Catalogue("pl")["about.title"]);
        await p.SelectOptionAsync("#lang-select", "uk");
        await Expect(p.Locator("h1")).ToHaveTextAsync(Catalogue("uk")["about.title"]);
        await Expect(p.Locator("main")).ToContainTextAsync(Catalogue("uk")["about.who"]);
        await page.AssertAccessibleAsync("about in Ukrainian");
        page.AssertNoProblems();
    }
}
