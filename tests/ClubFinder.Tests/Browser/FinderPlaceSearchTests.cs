using System.Text.RegularExpressions;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Infrastructure;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// Searches that never mislead, on a phone (360 px): an address whose number is unknown, a stop,
/// and a district without a club. The online geocoder is off in tests (ClubFinderApp).
/// </summary>
[Collection(BrowserCollection.Name)]
public class FinderPlaceSearchTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    static readonly string[] Languages = ["pl", "en", "uk"];

    Task<BrowserPage> PhoneAsync(int width = 360) => browser.NewPageAsync(app.BaseUrl, new()
    {
        ViewportSize = new() { Width = width, Height = width < 900 ? 740 : 800 },
        IsMobile = width < 900,
        HasTouch = width < 900,
    });

    static async Task SearchForAsync(BrowserPage page, string text)
    {
        var input = page.Page.Locator("#place-input");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    static string Format(string template, params (string Name, string Value)[] values) =>
        values.Aggregate(template, (text, v) => text.Replace("{" + v.Name + "}", v.Value));

    [Fact]
    public async Task AnAddressWithAnUnknownNumberKeepsTheTypedTextAndSaysWhatIsNotKnown()
    {
        var pl = Catalogue("pl");
        await using var page = await PhoneAsync();
        var p = page.Page;
        await OpenAsync(page, "/");

        await SearchForAsync(page, "Wielicka 28");
        await AssertAtAsync(page, "/?q=Wielicka+28");
        await WaitUntilSettledAsync(page);
        var answer = p.Locator("#place-answer");
        await Expect(answer.Locator(".place-answer__lead"))
            .ToHaveTextAsync(Format(pl["placeAnswer.numberUnknown"], ("street", "ul. Wielicka"), ("number", "28")));
        await Expect(p.Locator("#place-input")).ToHaveValueAsync("Wielicka 28");
        // Other places are offered as what they are, never as the answer.
        var stop = answer.Locator("button.place-answer__option", new() { HasText = "Wielicka Granica Miasta" });
        await Expect(stop).ToContainTextAsync(Format(pl["placeAnswer.reason.street-stop"], ("number", "28")));
        await Expect(answer.Locator("button.place-answer__option", new() { HasText = "Piaski Wielkie" }))
            .ToContainTextAsync(pl["placeAnswer.reason.similar"]);
        await Expect(answer).ToContainTextAsync("Źródło: ZTP Kraków, dane GTFS");
        await Expect(answer.Locator("button[data-action=map]")).ToHaveTextAsync(pl["placeAnswer.pickOnMap"]);
        await Expect(Items(page)).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("unknown house number");

        // Choosing the stop is the parent's own choice: then the nearest clubs to it.
        await stop.ClickAsync();
        await Expect(p).ToHaveURLAsync(new Regex(@"\?lat=[-\d.]+&lon=[-\d.]+&place=Wielicka\+Granica\+Miasta"));
        await WaitUntilSettledAsync(page);
        await AssertNearestListMatchesApiAsync(page, app);
        await Expect(answer).ToBeHiddenAsync();

        // Back returns to the typed text and the same answer.
        await p.GoBackAsync();
        await Expect(p.Locator("#place-input")).ToHaveValueAsync("Wielicka 28");
        await Expect(answer.Locator(".place-answer__lead")).ToContainTextAsync("ul. Wielicka");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task SearchingAStopNameListsTheClubsNearestToThatStop()
    {
        var stop = (await app.GetJsonAsync<List<Api.Places.PlaceSuggestion>>("/api/places?q=rondo%20grunwaldzkie"))
            .Single(s => s.Label == "Rondo Grunwaldzkie" && s.Kind == "przystanek");
        await using var page = await PhoneAsync();
        await OpenAsync(page, "/");

        await SearchForAsync(page, "Rondo Grunwaldzkie");
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"\?lat=[-\d.]+&lon=[-\d.]+&place=Rondo\+Grunwaldzkie"));
        await WaitUntilSettledAsync(page);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(page.Page.Url).Query);
        Assert.Equal(stop.Lat, double.Parse(query["lat"]!, System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.Equal(stop.Lon, double.Parse(query["lon"]!, System.Globalization.CultureInfo.InvariantCulture), 4);
        await Expect(page.Page.Locator("#place-input")).ToHaveValueAsync("Rondo Grunwaldzkie");
        await AssertNearestListMatchesApiAsync(page, app);
        await Expect(page.Page.Locator("#results-origin")).ToContainTextAsync("Rondo Grunwaldzkie");
        await Expect(page.Page.Locator("#place-answer")).ToBeHiddenAsync();
        page.AssertNoProblems();
    }

    [Fact]
    public async Task ADistrictWithoutAClubShowsTheNearestClubsWithTheirDistance()
    {
        var pl = Catalogue("pl");
        Assert.Equal(0, (await app.GetJsonAsync<ClubList>("/api/clubs?district=8")).Total);
        var expected = await app.GetJsonAsync<NearestResult>("/api/clubs/nearest?district=8&limit=3");
        await using var page = await PhoneAsync();
        var p = page.Page;
        await OpenAsync(page, "/");

        await p.SelectOptionAsync("#district-select", "8");
        await AssertAtAsync(page, "/?district=8");
        await WaitUntilSettledAsync(page);
        await Expect(p.Locator("#results-heading")).ToHaveTextAsync(Format(pl["fallback.titleDistrict"], ("district", "VIII Dębniki")));
        await Expect(p.Locator("#results-origin")).ToContainTextAsync(Format(pl["fallback.fromDistrict"], ("district", "Dębniki")));
        var shown = await ListedDistancesAsync(page);
        Assert.Equal(expected.Items.Select(c => c.Slug), shown.Select(s => s.Slug));
        foreach (var (club, row) in expected.Items.Zip(shown))
            AssertDistanceMatches(row.Distance, club.DistanceMeters, club.Slug);
        await Expect(p.Locator("#results-empty")).ToBeHiddenAsync();
        await page.AssertAccessibleAsync("empty district");

        // A shared link answers before the district list has loaded: the status still names the district.
        await OpenAsync(page, "/?district=8");
        await WaitUntilSettledAsync(page);
        await Expect(p.Locator("#result-count")).ToHaveTextAsync(Format(pl["fallback.status"], ("district", "VIII Dębniki")));
        page.AssertNoProblems();
    }

    /// <summary>Screenshots for people to look at (artifacts/screenshots/), in every language at phone and desktop width.</summary>
    [Fact]
    public async Task TheAnswersReadWellInEveryLanguageOnAPhoneAndADesktop()
    {
        foreach (var width in new[] { 360, 1280 })
        foreach (var language in Languages)
        {
            var texts = Catalogue(language);
            await using var page = await PhoneAsync(width);
            await OpenAsync(page, "/");
            await page.Page.SelectOptionAsync("#lang-select", language);
            await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", language);

            await SearchForAsync(page, "Wielicka 28");
            await WaitUntilSettledAsync(page);
            await Expect(page.Page.Locator("#place-answer .place-answer__lead"))
                .ToHaveTextAsync(Format(texts["placeAnswer.numberUnknown"], ("street", "ul. Wielicka"), ("number", "28")));
            await page.ScreenshotAsync($"place-answer-wielicka-28-{language}-{width}");

            await page.Page.SelectOptionAsync("#district-select", "8");
            await WaitUntilSettledAsync(page);
            await Expect(page.Page.Locator("#results-heading")).ToContainTextAsync("VIII Dębniki");
            await Expect(Items(page)).ToHaveCountAsync(3);
            await page.ScreenshotAsync($"empty-district-debniki-{language}-{width}");
            page.AssertNoProblems();
        }
    }
}
