using ClubFinder.Tests.Infrastructure;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>From landing to a club's details and directions with Tab, Enter, arrow keys and Escape only.</summary>
[Collection(BrowserCollection.Name)]
public class FinderKeyboardTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task AParentReachesAClubsDetailsAndDirectionsWithTheKeyboardAlone()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await OpenAsync(page, "/");

        await p.Keyboard.PressAsync("Tab");
        await Expect(p.Locator(".skip-link")).ToBeFocusedAsync();
        await p.Keyboard.PressAsync("Enter");
        await Expect(p.Locator("#main")).ToBeFocusedAsync();

        // The districts arrive with the page's first answer; arrow keys before that would find one option.
        await Expect(p.Locator("#district-select option")).ToHaveCountAsync(19);
        await TabUntilAsync("#district-select");
        // Arrow keys step through the districts; each choice searches at once. Stop at one with clubs.
        for (var step = 0; step < 18; step++)
        {
            await p.Keyboard.PressAsync("ArrowDown");
            await Expect(p).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($@"\?district={step + 1}$"));
            await WaitUntilSettledAsync(page);
            if (await Items(page).CountAsync() > 0) break;
        }
        await Expect(p.Locator("#district-select")).ToBeFocusedAsync();
        await page.AssertAccessibleAsync("district chosen with the keyboard");

        await TabUntilAsync($"{ResultItems} a.club-link");
        var slug = await p.EvaluateAsync<string>("() => document.activeElement.closest('li').dataset.slug");
        var name = await p.EvaluateAsync<string>("() => document.activeElement.textContent");
        await p.Keyboard.PressAsync("Enter");
        await AssertAtAsync(page, $"/clubs/{slug}");
        await WaitUntilSettledAsync(page);
        await Expect(p.Locator("#club-details-heading")).ToBeFocusedAsync();
        await Expect(p.Locator("#club-details-heading")).ToHaveTextAsync(name);

        await TabUntilAsync("#club-details a[href^='https://www.openstreetmap.org/directions']");
        await page.AssertAccessibleAsync("details reached with the keyboard");

        await p.Keyboard.PressAsync("Escape");
        await Expect(p.Locator("#club-details")).ToBeHiddenAsync();
        await Expect(p.Locator($"{ResultItems}[data-slug='{slug}'] a.club-link")).ToBeFocusedAsync();
        page.AssertNoProblems();

        async Task TabUntilAsync(string selector)
        {
            for (var presses = 0; presses < 80; presses++)
            {
                if (await p.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector)) return;
                await p.Keyboard.PressAsync("Tab");
            }
            var at = await p.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120) ?? ''");
            Assert.Fail($"Tab never reached {selector}; focus is on {at}");
        }
    }
}
