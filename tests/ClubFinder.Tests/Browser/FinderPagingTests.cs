using System.Text.Json;
using ClubFinder.Tests.Infrastructure;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// A list longer than one page of the API (a district of a national roll-out has thousands of clubs): the first
/// page is listed with a button for the rest, which brings the next page, keeps the name order and puts the focus
/// on the first club that came. Kraków's districts fit one page, so the pages here are made one club long.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FinderPagingTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task ALongDistrictListComesPageByPageWithNothingLeftOut()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var all = JsonDocument.Parse(await client.GetStringAsync("/api/clubs?limit=1000")).RootElement.GetProperty("items").EnumerateArray()
            .Where(c => c.GetProperty("district").ValueKind == JsonValueKind.Object)
            .GroupBy(c => c.GetProperty("district").GetProperty("number").GetInt32())
            .OrderByDescending(g => g.Count()).First();
        var expected = all.Select(c => c.GetProperty("slug").GetString()!).ToList();
        Assert.True(expected.Count >= 2, "a district with at least two clubs");

        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await p.RouteAsync(url => new Uri(url).AbsolutePath == "/api/clubs", route =>
            route.ContinueAsync(new() { Url = route.Request.Url + (route.Request.Url.Contains('?') ? "&" : "?") + "limit=1" }));
        await OpenAsync(page, $"/?district={all.Key}");
        await WaitUntilSettledAsync(page);
        await Expect(Items(page)).ToHaveCountAsync(1);
        var more = p.Locator(".results__more");
        await Expect(more).ToBeVisibleAsync();
        await Expect(more).ToContainTextAsync((expected.Count - 1).ToString());
        await Expect(p.Locator("#result-count")).ToContainTextAsync(expected.Count.ToString());
        await page.AssertAccessibleAsync("the first page of a long list");

        for (var loaded = 1; loaded < expected.Count; loaded++)
        {
            var before = await ListedSlugsAsync(page);
            await more.ClickAsync();
            await Expect(Items(page)).ToHaveCountAsync(loaded + 1);
            var after = await ListedSlugsAsync(page);
            var focused = await p.EvaluateAsync<string?>("() => document.activeElement?.closest('li[data-slug]')?.dataset.slug ?? null");
            Assert.Contains(focused, after.Except(before));
        }
        await Expect(more).ToBeHiddenAsync();
        Assert.Equal(expected.Order(), (await ListedSlugsAsync(page)).Order());
        page.AssertNoProblems();
    }

    [Fact]
    public async Task WhenTheNextPageFailsTheListStaysAndRetryBringsIt()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var district = JsonDocument.Parse(await client.GetStringAsync("/api/clubs?limit=1000")).RootElement.GetProperty("items").EnumerateArray()
            .Where(c => c.GetProperty("district").ValueKind == JsonValueKind.Object)
            .GroupBy(c => c.GetProperty("district").GetProperty("number").GetInt32())
            .First(g => g.Count() >= 2).Key;

        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        var failing = true;
        await p.RouteAsync(url => new Uri(url).AbsolutePath == "/api/clubs", route =>
            failing && route.Request.Url.Contains("offset=")
                ? route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{\"status\":503,\"title\":\"x\"}" })
                : route.ContinueAsync(new() { Url = route.Request.Url + (route.Request.Url.Contains('?') ? "&" : "?") + "limit=1" }));
        await OpenAsync(page, $"/?district={district}");
        await WaitUntilSettledAsync(page);
        await Expect(Items(page)).ToHaveCountAsync(1);
        var more = p.Locator(".results__more");
        await more.ClickAsync();

        // The error is said, with a retry; the first page stays, and the button answers again.
        var retry = p.Locator("#retry-button");
        await Expect(retry).ToBeVisibleAsync();
        await Expect(Items(page)).ToHaveCountAsync(1);
        await Expect(more).ToBeVisibleAsync();
        await Expect(more).Not.ToHaveAttributeAsync("aria-busy", "true");
        failing = false;
        await retry.ClickAsync();
        await Expect(Items(page)).ToHaveCountAsync(2);
    }
}
