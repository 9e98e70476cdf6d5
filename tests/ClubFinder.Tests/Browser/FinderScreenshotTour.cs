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
                await page.ScreenshotAsync($"tour-{width}-{language}-home");
                await OpenAsync(page, "/?lat=50.0845&lon=20.0255");
                await page.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ScreenshotDirectory(), $"tour-{width}-{language}-results.png") });
                await OpenAsync(page, "/?district=8");
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
}
