using ClubFinder.Tests.Infrastructure;
using static ClubFinder.Tests.Browser.FinderSteps;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// Screenshots for people to look at (not assertions): home, results, an empty district's nearest
/// clubs, a club page, "starting soon", "What is a Klub Rodziców?" and the embed at 320, 360, 768 and 1280 px in Polish, English and Ukrainian, saved to
/// artifacts/screenshots/tour-*.png. Runs only with CLUBFINDER_SCREENSHOTS=1 (it takes minutes).
/// </summary>
[Collection(BrowserCollection.Name)]
public class FinderScreenshotTour(ClubFinder.Tests.Infrastructure.BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task SavesScreenshotsOfEveryPageAtFourWidthsInThreeLanguages()
    {
        if (Environment.GetEnvironmentVariable("CLUBFINDER_SCREENSHOTS") != "1") return;
        foreach (var width in new[] { 320, 360, 768, 1280 })
            foreach (var language in new[] { "pl", "en", "uk" })
            {
                await using var page = await browser.NewPageAsync(app.BaseUrl, new()
                {
                    ViewportSize = new() { Width = width, Height = width >= 1280 ? 800 : width >= 768 ? 1024 : 740 },
                    IsMobile = width < 768,
                    HasTouch = width < 768,
                });
                await page.Context.AddInitScriptAsync($"window.localStorage.setItem('clubfinder.lang', '{language}')");
                await OpenAsync(page, "/");
                await MapDrawnAsync(page);
                await page.ScreenshotAsync($"tour-{width}-{language}-home");
                await OpenAsync(page, "/?lat=50.0845&lon=20.0255");
                await MapDrawnAsync(page);
                await page.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotDirectory(), $"tour-{width}-{language}-results.png") });
                await OpenAsync(page, "/?district=8");
                await MapDrawnAsync(page);
                await page.ScreenshotAsync($"tour-{width}-{language}-empty-district");
                await OpenAsync(page, "/?lat=50.0845&lon=20.0255&view=soon");
                await page.ScreenshotAsync($"tour-{width}-{language}-starting-soon");
                await OpenAsync(page, $"/embed?lang={language}");
                await page.ScreenshotAsync($"tour-{width}-{language}-embed");
                await OpenAsync(page, $"/clubs/{MalwaSlug}");
                await page.ScreenshotAsync($"tour-{width}-{language}-club");
                await OpenAsync(page, "/clubs/ckp-fort-borek");
                await page.ScreenshotAsync($"tour-{width}-{language}-club-approximate");
                await page.Page.GotoAsync("/about/");
                await page.Page.WaitForFunctionAsync($"() => document.documentElement.lang === '{language}'");
                await page.ScreenshotAsync($"tour-{width}-{language}-about");
            }
    }

    /// <summary>A visible map has drawn its districts and ended its zoom (a screenshot right after the list showed an
    /// empty grey map, or one caught mid-zoom).</summary>
    static async Task MapDrawnAsync(BrowserPage page)
    {
        await page.Page.WaitForFunctionAsync(
            "() => { const map = document.querySelector('#map'); return !map || map.offsetWidth === 0 || !!map.querySelector('path'); }");
        await BrowserPage.WaitForStillMapAsync(page.Page);
        // …and the view fitted to the answer has stopped changing: the same pan and zoom at two polls in a row.
        await page.Page.WaitForFunctionAsync("""
            () => {
              const map = document.querySelector('#map');
              if (!map || map.offsetWidth === 0) return true;
              const view = map.querySelector('.leaflet-map-pane')?.style.transform + '|' + map.querySelector('.leaflet-overlay-pane svg')?.getAttribute('viewBox');
              const still = window.tourLastView === view && !map.querySelector('.leaflet-zoom-anim');
              window.tourLastView = view;
              return still;
            }
            """, null, new() { PollingInterval = 300 });
    }
}
