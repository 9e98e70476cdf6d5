using System.Text.RegularExpressions;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Infrastructure;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>The four ways a parent searches, deep links and the Back button, on a desktop-sized window.</summary>
[Collection(BrowserCollection.Name)]
public class FinderSearchTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task PickingADistrictListsExactlyThatDistrictsClubs()
    {
        var districts = await app.GetJsonAsync<List<DistrictRow>>("/api/districts");
        var district = districts.OrderByDescending(d => d.ClubCount).ThenBy(d => d.Number).First();
        var expected = await app.GetJsonAsync<ClubList>($"/api/clubs?district={district.Number}");
        Assert.True(expected.Total > 1, "the seed data should have a district with several clubs");

        await using var page = await browser.NewPageAsync(app.BaseUrl);
        await OpenAsync(page, "/");
        await page.AssertAccessibleAsync("landing");

        await page.Page.SelectOptionAsync("#district-select", district.Number.ToString());
        await AssertAtAsync(page, $"/?district={district.Number}");
        await WaitUntilSettledAsync(page);

        await Expect(Items(page)).ToHaveCountAsync(expected.Total);
        Assert.Equal(expected.Items.Select(c => c.Slug).Order(), (await ListedSlugsAsync(page)).Order());
        await Expect(page.Page.Locator("#results-heading")).ToContainTextAsync(district.Name);
        await Expect(page.Page.Locator("#result-count")).ToContainTextAsync(expected.Total.ToString());
        foreach (var club in expected.Items)
            await Expect(page.Page.Locator($"{ResultItems}[data-slug='{club.Slug}'] a.club-link")).ToHaveTextAsync(club.Name);
        await page.AssertAccessibleAsync("district results");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task ClickingTheMapListsTheNearestClubsWithTheApisDistances()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        await OpenAsync(page, "/");

        await SearchFromMapClickAsync(page);

        await Expect(page.Page.Locator("#results-heading")).ToHaveTextAsync("Najbliższe kluby");
        await AssertNearestListMatchesApiAsync(page, app);
        await page.AssertAccessibleAsync("nearest from a map click");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task TypingPartOfAClubsStreetAndChoosingTheSuggestionListsTheNearestClubs()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        await OpenAsync(page, "/");

        var input = page.Page.Locator("#place-input");
        await input.PressSequentiallyAsync("Dobrego Past");
        var option = page.Page.Locator("#place-listbox [role=option]", new() { HasText = "Dobrego Pasterza" }).First;
        await option.WaitForAsync();
        await Expect(input).ToHaveAttributeAsync("aria-expanded", "true");
        await page.AssertAccessibleAsync("address suggestions open");
        await option.ClickAsync();

        await Expect(page.Page).ToHaveURLAsync(new Regex(@"\?lat=[-\d.]+&lon=[-\d.]+&place=.*Dobrego"));
        await WaitUntilSettledAsync(page);
        await AssertNearestListMatchesApiAsync(page, app);
        await Expect(page.Page.Locator("#results-origin")).ToContainTextAsync("Dobrego Pasterza");
        var nearest = (await ListedSlugsAsync(page)).Take(3);
        Assert.Contains(MalwaSlug, nearest);
        await page.AssertAccessibleAsync("nearest from an address");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task DeepLinksReproduceTheirViewAfterAReload()
    {
        var expected = await app.GetJsonAsync<ClubList>("/api/clubs?district=18");
        var club = await app.GetJsonAsync<ClubDetails>($"/api/clubs/{MalwaSlug}");

        await using var page = await browser.NewPageAsync(app.BaseUrl);
        await OpenAsync(page, "/?district=18");
        await AssertDistrict18Async();
        await page.Page.ReloadAsync();
        await WaitUntilSettledAsync(page);
        await AssertDistrict18Async();
        await page.AssertAccessibleAsync("deep link to a district");

        await OpenAsync(page, $"/clubs/{MalwaSlug}");
        await Expect(page.Page.Locator("#club-details-heading")).ToHaveTextAsync(club.Name);
        await page.Page.ReloadAsync();
        await WaitUntilSettledAsync(page);
        await Expect(page.Page.Locator("#club-details-heading")).ToHaveTextAsync(club.Name);
        await Expect(page.Page.Locator("#club-details-body")).ToContainTextAsync(club.Address.Label);
        await Expect(page.Page).ToHaveTitleAsync(new Regex(Regex.Escape(club.Name)));
        await page.AssertAccessibleAsync("deep link to a club");
        page.AssertNoProblems();

        async Task AssertDistrict18Async()
        {
            await Expect(page.Page.Locator("#district-select")).ToHaveValueAsync("18");
            if (expected.Total == 0)
                await Expect(page.Page.Locator("#results-empty")).ToBeVisibleAsync();
            else
                await Expect(Items(page)).ToHaveCountAsync(expected.Total);
            Assert.Equal(expected.Items.Select(c => c.Slug).Order(), (await ListedSlugsAsync(page)).Order());
        }
    }

    [Fact]
    public async Task TheBackButtonWalksBackThroughTheSearches()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await OpenAsync(page, "/");
        var all = await app.GetJsonAsync<ClubList>("/api/clubs");
        await Expect(Items(page)).ToHaveCountAsync(all.Total);

        await p.SelectOptionAsync("#district-select", "3");
        await AssertAtAsync(page, "/?district=3");
        await WaitUntilSettledAsync(page);
        var district3 = await ListedSlugsAsync(page);

        await SearchFromMapClickAsync(page);
        var pointUrl = p.Url;
        var nearest = await ListedSlugsAsync(page);

        await p.Locator("#place-input").FillAsync("Malwa");
        await p.Locator("#place-input").PressAsync("Enter");
        await AssertAtAsync(page, "/?q=Malwa");
        await WaitUntilSettledAsync(page);
        await Expect(Items(page)).ToHaveCountAsync(1);

        await p.Locator($"{ResultItems} a.club-link").First.ClickAsync();
        await AssertAtAsync(page, $"/clubs/{MalwaSlug}");
        await WaitUntilSettledAsync(page);
        await Expect(p.Locator("#club-details")).ToBeVisibleAsync();

        await p.GoBackAsync();
        await AssertAtAsync(page, "/?q=Malwa");
        await Expect(p.Locator("#club-details")).ToBeHiddenAsync();
        await Expect(p.Locator("#place-input")).ToHaveValueAsync("Malwa");
        await Expect(Items(page)).ToHaveCountAsync(1);

        await p.GoBackAsync();
        await Expect(p).ToHaveURLAsync(pointUrl);
        await WaitUntilSettledAsync(page);
        await Expect(p.Locator("#results-heading")).ToHaveTextAsync("Najbliższe kluby");
        Assert.Equal(nearest, await ListedSlugsAsync(page));

        await p.GoBackAsync();
        await AssertAtAsync(page, "/?district=3");
        await WaitUntilSettledAsync(page);
        await Expect(p.Locator("#district-select")).ToHaveValueAsync("3");
        Assert.Equal(district3, await ListedSlugsAsync(page));

        await p.GoBackAsync();
        await AssertAtAsync(page, "/");
        await WaitUntilSettledAsync(page);
        await Expect(Items(page)).ToHaveCountAsync(all.Total);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task UseMyLocationListsTheClubsNearestToThePosition()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl, new()
        {
            Permissions = ["geolocation"],
            Geolocation = new Geolocation { Latitude = 50.0614f, Longitude = 19.9366f },
        });
        await OpenAsync(page, "/");

        await page.Page.ClickAsync("#use-location");
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"\?lat=50\.0614&lon=19\.9366$"));
        await WaitUntilSettledAsync(page);

        await Expect(page.Page.Locator("#results-origin")).ToContainTextAsync("Twojej lokalizacji");
        await AssertNearestListMatchesApiAsync(page, app);
        await page.AssertAccessibleAsync("nearest from my location");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task ARefusedLocationIsExplainedInWords()
    {
        var denied = Catalogue("pl")["geo.denied"];
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        await OpenAsync(page, "/");

        await page.Page.ClickAsync("#use-location");

        await Expect(page.Page.Locator("#result-count")).ToHaveTextAsync(denied);
        await Expect(page.Page.Locator("#retry-button")).ToBeVisibleAsync();
        Assert.Equal(app.BaseUrl + "/", page.Page.Url);
        await page.AssertAccessibleAsync("location refused");
        page.AssertNoProblems();
    }
}
