using ClubFinder.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// axe with every rule it runs by default (WCAG A/AA and best practices) finds nothing, of any
/// impact, on every view a parent meets — home, results, an empty district's fallback, a club,
/// "starting soon", "what is a club" and the embed — in Polish, English and Ukrainian, on a
/// phone and on a desktop.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccessibilityTourTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    const string MalwaSlug = "kfk-malwa-dobrego-pasterza-6";

    public static TheoryData<string, int> Languages() => new() { { "pl", 360 }, { "en", 1280 }, { "uk", 360 } };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EveryViewIsFreeOfAxeViolationsOfAnyImpact(string language, int width)
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, new() { ViewportSize = new() { Width = width, Height = 800 } });
        var p = page.Page;
        var failures = new List<string>();

        async Task CheckAsync(string view, string path, string readySelector)
        {
            await p.GotoAsync(path + (path.Contains('?') ? "&" : "?") + "lang=" + language);
            await Expect(p.Locator(readySelector).First).ToBeVisibleAsync();
            if (await p.Locator("#result-count").CountAsync() > 0) await WaitUntilSettledAsync(page);
            if (await p.Locator("#map").CountAsync() > 0)
            {
                // The map arrives after the first results; axe measures it once it has drawn and stopped moving
                // (markers fading in mid-animation have no stable contrast to measure).
                await Expect(p.Locator("#map .leaflet-overlay-pane path").First).ToBeAttachedAsync();
                await BrowserPage.WaitForStillMapAsync(p);
            }
            await Expect(p.Locator("html")).ToHaveAttributeAsync("lang", language);
            var result = await p.RunAxe();
            failures.AddRange(result.Violations.Select(v => Describe($"{view} ({language}, {width}px)", v)));
        }

        await CheckAsync("home", "/", ResultItems);
        await CheckAsync("district results", "/?district=3", ResultItems);
        await CheckAsync("empty district", "/?district=8", ResultItems);
        await CheckAsync("club", $"/clubs/{MalwaSlug}", "#club-details .actions");
        await CheckAsync("starting soon", "/?lat=50.0614&lon=19.9366&view=soon", "#starting-soon-heading");
        await CheckAsync("what is a club", "/about/", "main h1");
        await CheckAsync("embed", "/embed", ResultItems);

        Assert.True(failures.Count == 0, "axe found:\n" + string.Join("\n", failures));
        page.AssertNoProblems();
    }

    static string Describe(string where, AxeResultItem violation) =>
        $"- {where}: {violation.Id} ({violation.Impact}) {violation.Help} — "
        + string.Join(" | ", violation.Nodes.Take(3).Select(n => $"{n.Target}: {(n.Html.Length > 120 ? n.Html[..120] + "…" : n.Html)}"));
}
