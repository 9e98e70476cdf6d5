using System.Text.RegularExpressions;
using ClubFinder.Tests.Infrastructure;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>The language switcher: English and Ukrainian replace every visible piece of the page's own text.</summary>
[Collection(BrowserCollection.Name)]
public partial class FinderLanguageTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>
{
    // The page's own text (not club data): header, form, filters, headings, status, list chrome,
    // legend, footer, map controls, and the details and "starting soon" panels' labels.
    const string CollectChrome = """
        () => {
          const selectors = [
            'header', '.skip-link', '#search-form label', '#search-form legend', '#search-form button',
            '#search-form .field__hint', '#search-form select:not(#lang-select) option', '#results-heading',
            '#results-origin', '#result-count', '#results-empty', '#starting-soon-open', '#view-toggle',
            '#map-section button', '#map-legend', 'footer', '.club-item .open-state', '.club-item .distance',
            '.club-item .approx-note', '.club-item .badge',
            '#club-details .back-link', '#club-details dt', '#club-details h3', '#club-details thead th',
            '#club-details tbody th', '#club-details .schedule__time', '#club-details .open-state',
            '#club-details .field__hint', '#club-details button', '#club-details .directions a',
            '#club-details .calendar-links a', '#club-details .approx-note',
            '#starting-soon h2', '#starting-soon .back-link', '#starting-soon .results__origin', '#starting-soon .results__empty'
          ];
          const texts = [];
          for (const element of document.querySelectorAll(selectors.join(','))) {
            const visible = element.tagName === 'OPTION' || element.getClientRects().length > 0;
            if (visible && element.innerText?.trim()) texts.push(element.innerText.trim());
          }
          // Club markers are labelled with the club's name (data); every other label is the page's own.
          for (const element of document.querySelectorAll('[aria-label]:not([data-slug]), .leaflet-control-zoom a[title]')) {
            if (element.getAttribute('aria-label')) texts.push(element.getAttribute('aria-label'));
            if (element.getAttribute('title')) texts.push(element.getAttribute('title'));
          }
          const clubName = document.getElementById('club-details-heading').textContent;
          texts.push(clubName ? document.title.replace(clubName, '') : document.title);
          return texts;
        }
        """;

    [Theory]
    [InlineData("en")]
    [InlineData("uk")]
    public async Task ALinkWithLangOpensTheClubPageInThatLanguageAndTheScriptsKeepIt(string language)
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        await page.Page.GotoAsync($"/clubs/{FinderSteps.MalwaSlug}?lang={language}");
        await Expect(page.Page.Locator("body.is-ready")).ToHaveCountAsync(1);
        await Expect(page.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
        var call = FinderSteps.Catalogue(language)["details.actionCall"];
        await Expect(page.Page.GetByText(call, new() { Exact = true }).First).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("en", "Nearest clubs")]
    [InlineData("uk", "Найближчі клуби")]
    public async Task SwitchingLanguageLeavesNoPolishInThePagesOwnText(string language, string nearestHeading)
    {
        var leftovers = PolishOnlyPhrases(language);
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await OpenAsync(page, "/?lat=50.0614&lon=19.9366");
        Assert.NotEmpty(FindPolish(await p.EvaluateAsync<string[]>(CollectChrome), leftovers)); // the check sees Polish

        await p.SelectOptionAsync("#lang-select", language);
        await Expect(p.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Expect(p.Locator("#results-heading")).ToHaveTextAsync(nearestHeading);
        await AssertNoPolishAsync("nearest results");
        await page.AssertAccessibleAsync($"results in {language}");

        await p.Locator($"{ResultItems}[data-slug] a.club-link").First.ClickAsync();
        await WaitUntilSettledAsync(page);
        await AssertNoPolishAsync("club details");
        await OpenAsync(page, $"/clubs/{MalwaSlug}");
        await Expect(p.Locator("html")).ToHaveAttributeAsync("lang", language); // remembered across loads
        await AssertNoPolishAsync("club details with a timetable");
        await page.AssertAccessibleAsync($"details in {language}");

        await OpenAsync(page, "/?lat=50.0720&lon=20.0380&view=soon");
        await AssertNoPolishAsync("starting soon");
        page.AssertNoProblems();

        async Task AssertNoPolishAsync(string state)
        {
            var found = FindPolish(await p.EvaluateAsync<string[]>(CollectChrome), leftovers);
            Assert.True(found.Count == 0, $"Polish left in {language} ({state}):\n" + string.Join("\n", found));
        }
    }

    /// <summary>Literal parts of Polish strings whose translation differs (placeholders cut out), as whole-word patterns.</summary>
    static List<(string Phrase, Regex Pattern)> PolishOnlyPhrases(string language)
    {
        var pl = Catalogue("pl");
        var other = Catalogue(language);
        var phrases = new HashSet<string>();
        foreach (var (key, value) in pl)
        {
            if (other.TryGetValue(key, out var translated) && translated == value) continue;
            foreach (var part in Placeholder().Split(value))
            {
                var phrase = part.Trim(' ', '.', ',', ':', ';', '—', '–', '·', '(', ')', '„', '”', '…', '?', '!');
                if (phrase.Count(char.IsLetter) >= 4) phrases.Add(phrase);
            }
        }
        return phrases.Select(p => (p, new Regex($@"(?<!\w){Regex.Escape(p)}(?!\w)"))).ToList();
    }

    // "Klub Rodziców" is the programme's name, kept in Polish on purpose in every language (as on
    // the clubs' doors and the city's pages); it is not a leftover.
    static List<string> FindPolish(IEnumerable<string> texts, List<(string Phrase, Regex Pattern)> phrases) =>
        texts.Select(text => ProgrammeName().Replace(text, ""))
            .SelectMany(text => phrases.Where(p => p.Pattern.IsMatch(text)).Select(p => $"'{p.Phrase}' in '{Shorten(text)}'"))
            .Distinct().ToList();

    [GeneratedRegex(@"Klub(y|u)? Rodziców")]
    private static partial Regex ProgrammeName();

    static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();
}
