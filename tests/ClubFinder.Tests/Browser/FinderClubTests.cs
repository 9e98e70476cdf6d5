using System.Globalization;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Infrastructure;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>A club's details as a parent reads them, and club text that must stay text.</summary>
[Collection(BrowserCollection.Name)]
public class FinderClubTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task OpeningAClubShowsItsAddressScheduleAndDirectionsToItsPoint()
    {
        var club = await app.GetJsonAsync<ClubDetails>($"/api/clubs/{MalwaSlug}");
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await OpenAsync(page, "/?district=3");

        await p.Locator($"{ResultItems}[data-slug='{MalwaSlug}'] a.club-link").ClickAsync();
        await AssertAtAsync(page, $"/clubs/{MalwaSlug}");
        await WaitUntilSettledAsync(page);

        var details = p.Locator("#club-details");
        await Expect(p.Locator("#club-details-heading")).ToHaveTextAsync(club.Name);
        await Expect(p.Locator("#club-details-heading")).ToBeFocusedAsync();
        await Expect(details.Locator(".facts")).ToContainTextAsync(club.Address.Label);
        await Expect(details.Locator(".facts")).ToContainTextAsync(club.District!.Name);
        await Expect(details.Locator(".approx-note")).ToBeVisibleAsync(); // a street-precision point says so
        await Expect(details.Locator("table.schedule tbody tr")).ToHaveCountAsync(club.Sessions.Count);

        var point = $"{club.Location.Lat.ToString("F6", CultureInfo.InvariantCulture)},{club.Location.Lon.ToString("F6", CultureInfo.InvariantCulture)}";
        var osm = await details.Locator("a[href^='https://www.openstreetmap.org/directions']").GetAttributeAsync("href");
        var google = await details.Locator("a[href^='https://www.google.com/maps/dir/']").GetAttributeAsync("href");
        Assert.Contains(point, osm);
        Assert.Contains($"destination={point}", google);
        Assert.Contains("travelmode=walking", google);
        await Expect(details.Locator("a[href^='https://www.openstreetmap.org/directions']")).ToHaveAttributeAsync("target", "_blank");
        await page.AssertAccessibleAsync("club details");

        await p.Keyboard.PressAsync("Escape");
        await AssertAtAsync(page, "/?district=3");
        await Expect(p.Locator($"{ResultItems}[data-slug='{MalwaSlug}'] a.club-link")).ToBeFocusedAsync();
        page.AssertNoProblems();
    }

    [Fact]
    public async Task AClubWithoutATimetableSaysItIsNotPublishedNotClosed()
    {
        var clubs = await app.GetJsonAsync<ClubList>("/api/clubs");
        var unknown = clubs.Items.First(c => c.OpenNow is null);
        var pl = Catalogue("pl");

        await using var page = await browser.NewPageAsync(app.BaseUrl);
        await OpenAsync(page, "/");
        var item = page.Page.Locator($"{ResultItems}[data-slug='{unknown.Slug}']");
        await Expect(item.Locator(".open-state")).ToHaveTextAsync(pl["club.scheduleUnknown"]);

        await OpenAsync(page, $"/clubs/{unknown.Slug}");
        var details = page.Page.Locator("#club-details-body");
        await Expect(details.Locator(".open-state")).ToHaveTextAsync(pl["club.scheduleUnknown"]);
        await Expect(details).ToContainTextAsync(pl["details.scheduleNotPublished"]);
        await Expect(details).Not.ToContainTextAsync(pl["club.closedNow"]);
        await Expect(details.Locator("table.schedule")).ToHaveCountAsync(0);
        await Expect(details.Locator("a[href$='calendar.ics']")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("club without a timetable");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task AClubNamedLikeMarkupIsShownAsTextAndRunsNoScript()
    {
        const string name = "<img src=x onerror=alert(1)>";
        string slug;
        await using (var db = await app.OpenConnectionAsync())
            slug = await SyntheticClubs.InsertAsync(db, 50.0614, 19.9366, name: name);
        try
        {
            await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(slug));
            await using var page = await browser.NewPageAsync(app.BaseUrl);
            var p = page.Page;

            await OpenAsync(page, "/?lat=50.0614&lon=19.9366");
            var link = p.Locator($"{ResultItems}[data-slug='{slug}'] a.club-link");
            await Expect(link).ToHaveTextAsync(name);

            await link.ClickAsync();
            await AssertAtAsync(page, $"/clubs/{slug}");
            await WaitUntilSettledAsync(page);
            await Expect(p.Locator("#club-details-heading")).ToHaveTextAsync(name);
            await Expect(p).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(name)));

            Assert.Equal(0, await p.Locator("img[src='x']").CountAsync());
            Assert.False(await p.EvaluateAsync<bool>("() => document.body.innerHTML.includes('<img src=\"x\"')"));
            page.AssertNoProblems();
        }
        finally
        {
            await using var db = await app.OpenConnectionAsync();
            await SyntheticClubs.DeleteAsync(app, db, slug);
        }
    }
}
