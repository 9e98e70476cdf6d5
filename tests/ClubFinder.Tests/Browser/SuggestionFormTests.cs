using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>The public correction and missing-club forms, as a parent on a phone uses them.</summary>
[Collection(BrowserCollection.Name)]
public class SuggestionFormTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    const string Markup = "<img src=x onerror=alert(1)><b>nie pogrubiaj</b>";

    static BrowserNewContextOptions Phone() => new() { ViewportSize = new ViewportSize { Width = 360, Height = 740 }, HasTouch = true };

    async Task<(string? Topic, string? Text)> StoredAsync(string text)
    {
        await using var db = await app.OpenConnectionAsync();
        return await db.QuerySingleOrDefaultAsync<(string?, string?)>("SELECT topic, text FROM suggestions WHERE text = @text", new { text });
    }

    [Theory]
    [InlineData("pl")]
    [InlineData("en")]
    [InlineData("uk")]
    public async Task ACorrectionIsSentFromAClubPageWithTheKeyboardOnAPhone(string language)
    {
        var strings = Catalogue(language);
        await using var page = await browser.NewPageAsync(app.BaseUrl, Phone());
        var p = page.Page;
        await OpenAsync(page, $"/clubs/{MalwaSlug}?lang={language}");

        var details = p.Locator("#club-details");
        var toggle = details.GetByRole(AriaRole.Button, new() { Name = strings["suggest.correction.open"] });
        await toggle.FocusAsync();
        await p.Keyboard.PressAsync("Enter");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        // Escape closes the form only: the club page stays open and focus returns to the button.
        await p.Keyboard.PressAsync("Escape");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(toggle).ToBeFocusedAsync();
        await AssertAtAsync(page, $"/clubs/{MalwaSlug}?lang={language}");
        await p.Keyboard.PressAsync("Enter");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(details.GetByRole(AriaRole.Heading, new() { Name = strings["suggest.correction.heading"] })).ToBeFocusedAsync();
        await Expect(details.GetByText(strings["suggest.privacy"])).ToBeVisibleAsync();
        await page.AssertAccessibleAsync($"correction form open ({language})");
        Assert.True(await p.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the open form fits 360 px");

        // Keyboard only: Tab to the topic, pick with the arrow keys, Tab to the text and type.
        await p.Keyboard.PressAsync("Tab");
        var topic = details.Locator("select[name='topic']");
        await Expect(topic).ToBeFocusedAsync();
        await Expect(topic).ToHaveAccessibleNameAsync($"{strings["suggest.topic"]} {strings["suggest.required"]}");
        await p.Keyboard.PressAsync("ArrowDown");
        await p.Keyboard.PressAsync("ArrowDown");
        await Expect(topic).ToHaveValueAsync("hours");
        await p.Keyboard.PressAsync("Tab");
        var text = $"{Markup} {language} {Guid.NewGuid():N}";
        await Expect(details.Locator("textarea[name='text']")).ToBeFocusedAsync();
        await Expect(details.Locator("textarea[name='text']")).ToHaveAccessibleNameAsync($"{strings["suggest.text"]} {strings["suggest.required"]}");
        await p.Keyboard.TypeAsync(text);
        await details.GetByRole(AriaRole.Button, new() { Name = strings["suggest.send"] }).FocusAsync();
        await p.Keyboard.PressAsync("Enter");

        await Expect(details.GetByRole(AriaRole.Status).Filter(new() { HasText = strings["suggest.thanks"] })).ToBeVisibleAsync();
        await Expect(toggle).ToBeFocusedAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        var stored = await Eventually.ValueAsync(() => StoredAsync(text), s => s.Text is not null);
        Assert.Equal(("hours", text), stored);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task TheMissingClubFormOnAnEmptyResultMarksMissingFieldsAndSends()
    {
        var strings = Catalogue("pl");
        await using var page = await browser.NewPageAsync(app.BaseUrl, Phone());
        var p = page.Page;
        await OpenAsync(page, "/?q=zzzqqxx");
        await Expect(p.Locator("#results-empty")).ToBeVisibleAsync();

        await p.GetByRole(AriaRole.Button, new() { Name = strings["suggest.missing.open"] }).ClickAsync();
        await p.GetByRole(AriaRole.Button, new() { Name = strings["suggest.send"] }).ClickAsync();
        var name = p.GetByLabel(strings["suggest.name"]);
        await Expect(name).ToBeFocusedAsync();
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(p.GetByText(strings["suggest.errors.name"])).ToBeVisibleAsync();
        await Expect(p.GetByText(strings["suggest.errors.place"])).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("missing-club form with errors");

        var clubName = $"TEST synthetic club {Guid.NewGuid():N}";
        await name.FillAsync(clubName);
        await p.GetByLabel(strings["suggest.place"]).FillAsync("TEST synthetic place");
        await p.GetByRole(AriaRole.Button, new() { Name = strings["suggest.send"] }).ClickAsync();
        await Expect(p.GetByRole(AriaRole.Status).Filter(new() { HasText = strings["suggest.thanks"] })).ToBeVisibleAsync();
        await using var db = await app.OpenConnectionAsync();
        Assert.Equal("missing-club", await db.ExecuteScalarAsync<string>("SELECT kind FROM suggestions WHERE club_name = @clubName", new { clubName }));
        page.AssertNoProblems();
    }

    [Fact]
    public async Task TheAboutPageOffersTheMissingClubFormInTheChosenLanguage()
    {
        var en = Catalogue("en");
        await using var page = await browser.NewPageAsync(app.BaseUrl, Phone());
        await page.Page.GotoAsync("/about/?lang=en");
        var toggle = page.Page.GetByRole(AriaRole.Button, new() { Name = en["suggest.missing.open"] });
        await toggle.ClickAsync();
        await Expect(page.Page.GetByLabel(en["suggest.place"])).ToBeVisibleAsync();
        await page.Page.Keyboard.PressAsync("Escape");
        await Expect(toggle).ToBeFocusedAsync();
        await Expect(page.Page.GetByLabel(en["suggest.place"])).ToBeHiddenAsync();
        page.AssertNoProblems();
    }
}
