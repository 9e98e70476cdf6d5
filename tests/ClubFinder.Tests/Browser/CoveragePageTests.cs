using ClubFinder.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>The coverage page over the seeded data: the table, the map's what-if and the linkable sites, on a desktop and a phone.</summary>
[Collection(BrowserCollection.Name)]
public class CoveragePageTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    static ILocator Rows(IPage p) => p.Locator("#coverage-table tbody tr");

    [Fact]
    public async Task OnADesktopAClickOnTheMapAddsASiteWhoseEffectIsShownAndKeptInTheAddress()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var p = page.Page;
        await p.GotoAsync("/coverage/");
        await Expect(Rows(p)).ToHaveCountAsync(18);
        // Ranked from the least served; the competition's districts are marked.
        await Expect(Rows(p).First.Locator("td").First).ToHaveTextAsync("1");
        await Expect(p.Locator("#coverage-table tr[data-district='8'] .coverage__badge")).ToHaveTextAsync("preferowana w konkursie");
        await Expect(p.Locator("#coverage-table .coverage__badge")).ToHaveCountAsync(3);
        await Expect(p.Locator("#coverage-legend li")).ToHaveCountAsync(6);
        await page.AssertAccessibleAsync("coverage table");

        await p.Locator("#coverage-map").ClickAsync();
        var site = p.Locator("#site-results .coverage__site");
        await Expect(site).ToHaveCountAsync(1);
        await Expect(site.Locator("p")).ToContainTextAsync("Dzielnica");
        await Expect(site.Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(p).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"[?&]site=50\.\d+,19\.\d+"));
        await Expect(p.Locator(".coverage__pin")).ToHaveCountAsync(1);
        await page.AssertAccessibleAsync("coverage with a site");

        // The link brings the same proposal back.
        var linked = p.Url;
        await p.GotoAsync(linked);
        await Expect(p.Locator("#site-results .coverage__site tbody tr").First).ToBeVisibleAsync();
        var download = await p.RunAndWaitForDownloadAsync(() => p.Locator("#download-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("section,site,lat,lon,district", csv, StringComparison.Ordinal);
        Assert.Contains("\nsite,1,50.", csv, StringComparison.Ordinal);
        // Printed, the proposal keeps the figures and the sites but drops the controls.
        await p.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(p.Locator("#download-csv")).ToBeHiddenAsync();
        await Expect(p.Locator("#place-input")).ToBeHiddenAsync();
        await Expect(p.Locator("#site-results .coverage__site tbody tr").First).ToBeVisibleAsync();
        await Expect(Rows(p).First).ToBeVisibleAsync();
        await p.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.ScreenshotAsync("coverage-desktop");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task OnAPhoneATypedPlaceAddsASiteAndNothingIsWiderThanTheScreen()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, new()
        {
            ViewportSize = new() { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var p = page.Page;
        await p.GotoAsync("/coverage/?lang=en&site=50.0614,19.9366");
        await Expect(Rows(p)).ToHaveCountAsync(18);
        await Expect(p.Locator("h1")).ToHaveTextAsync("Where are Parents’ Clubs missing?");
        await Expect(p.Locator("#site-results .coverage__site")).ToHaveCountAsync(1);
        await Expect(p.Locator("#site-results .coverage__site p")).ToContainTextAsync("Stare Miasto");

        await p.Locator("#place-input").FillAsync("Ruczaj");
        var option = p.Locator("#place-listbox [role=option]").First;
        await Expect(option).ToBeVisibleAsync();
        await p.Locator("#place-input").PressAsync("ArrowDown");
        await p.Locator("#place-input").PressAsync("Enter");
        await Expect(p.Locator("#site-results .coverage__site")).ToHaveCountAsync(2);
        await Expect(p.Locator("#site-results .coverage__site").Nth(1).Locator("h3")).ToContainTextAsync("Ruczaj");
        await Expect(p.Locator("#site-results .coverage__site").Nth(1).Locator("p")).ToContainTextAsync("Dębniki");
        await Expect(p).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"site=50\.06140,19\.93660&site=50\.\d+,19\.\d+"));

        var overflow = await p.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the screen");
        await page.AssertAccessibleAsync("coverage on a phone");
        await page.ScreenshotAsync("coverage-phone");
        page.AssertNoProblems();
    }
}
