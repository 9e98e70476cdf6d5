using ClubFinder.Tests.Infrastructure;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// Desktop (1280×800) and phone (360×740) layouts: list and map side by side or switched by a
/// toggle, nothing wider than the screen; screenshots go to artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FinderLayoutTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task OnADesktopTheListAndTheMapSitSideBySide()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var p = page.Page;
        await OpenAsync(page, "/?district=3");
        await Expect(p.Locator("#map")).ToBeVisibleAsync();
        await Expect(Items(page).First).ToBeVisibleAsync();
        await Expect(p.Locator("#view-toggle")).ToBeHiddenAsync();
        var list = await p.Locator("#results-section").BoundingBoxAsync();
        var map = await p.Locator("#map").BoundingBoxAsync();
        Assert.True(list!.X + list.Width <= map!.X, "the map should sit to the right of the list");
        // The whole map on the first screen and the district fitted inside it: the view a parent sees without scrolling.
        Assert.True(map.Y + map.Height <= 800, $"the map should end on the first screen, not at {map.Y + map.Height} px");
        await p.WaitForFunctionAsync("""
            () => {
              const map = document.querySelector('#map').getBoundingClientRect();
              const shape = document.querySelector('#map path[stroke="#0b3d6e"]');
              const box = shape && shape.getBoundingClientRect();
              return !!box && box.width > 100 && box.left >= map.left && box.right <= map.right && box.top >= map.top && box.bottom <= map.bottom;
            }
            """);
        await page.ScreenshotAsync("desktop-district");

        // A district without a club: the view fits its middle and the nearest clubs, not the whole city (the city's
        // first view, still animating when the answer came, undid that fit: Dębniki was a sixth of the map wide).
        await OpenAsync(page, "/?district=8");
        await p.WaitForFunctionAsync("""
            () => {
              const map = document.querySelector('#map').getBoundingClientRect();
              const shape = document.querySelector('#map path[stroke="#0b3d6e"]');
              return !!shape && shape.getBoundingClientRect().width > map.width / 3 && !document.querySelector('.leaflet-zoom-anim');
            }
            """);
        await Expect(p.Locator("#map .leaflet-marker-icon")).ToHaveCountAsync(4); // the district's middle and three clubs

        await OpenAsync(page, $"/clubs/{MalwaSlug}");
        await page.ScreenshotAsync("desktop-club");
        await OpenAsync(page, "/?lat=50.0614&lon=19.9366&view=soon");
        await page.ScreenshotAsync("desktop-starting-soon");
        await OpenAsync(page, "/");
        await page.ScreenshotAsync("desktop-landing");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task OnAPhoneAToggleSwitchesListAndMapAndNothingOverflows()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, new()
        {
            ViewportSize = new() { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var p = page.Page;
        await OpenAsync(page, "/?district=3");
        await Expect(Items(page).First).ToBeVisibleAsync();
        await Expect(p.Locator("#map")).ToBeHiddenAsync();
        await AssertNoOverflowAsync("list");
        await page.AssertAccessibleAsync("phone list");
        await page.ScreenshotAsync("phone-list");

        await p.Locator("#view-toggle").TapAsync();
        await Expect(p.Locator("#view-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(p.Locator("#map")).ToBeVisibleAsync();
        await Expect(Items(page).First).ToBeHiddenAsync();
        await AssertNoOverflowAsync("map");
        await page.AssertAccessibleAsync("phone map");
        await page.ScreenshotAsync("phone-map");

        await p.Locator("#view-toggle").TapAsync();
        await Items(page).First.Locator("a.club-link").TapAsync();
        await WaitUntilSettledAsync(page);
        await Expect(p.Locator("#club-details")).ToBeVisibleAsync();
        await AssertNoOverflowAsync("details");
        await page.ScreenshotAsync("phone-club");

        await OpenAsync(page, $"/clubs/{MalwaSlug}");
        await AssertNoOverflowAsync("details with a timetable");
        await page.AssertAccessibleAsync("phone details with a timetable");
        await page.ScreenshotAsync("phone-club-timetable");

        await OpenAsync(page, "/?lat=50.0614&lon=19.9366&view=soon");
        await AssertNoOverflowAsync("starting soon");
        await page.ScreenshotAsync("phone-starting-soon");
        page.AssertNoProblems();

        async Task AssertNoOverflowAsync(string state)
        {
            var widths = await p.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            Assert.True(widths[0] <= widths[1], $"{state}: the page is {widths[0]} px wide on a {widths[1]} px screen");
        }
    }
}
