using System.Net.Http.Json;
using System.Text.Json;
using ClubFinder.Tests.Admin;
using ClubFinder.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>The suggestions queue in /admin as an operator works through it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SuggestionQueueTests(BrowserApp app) : IAsyncLifetime
{
    const string Markup = "<img src=x onerror=alert(1)><b>nie pogrubiaj</b>";

    IPlaywright? playwright;
    IBrowser? browser;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(AdminBrowser.LaunchOptions);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
    }

    async Task SendAsync(string club, string text)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/suggestions", new { kind = "correction", club, topic = "contact", text });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task AnOperatorSeesItsSuggestionsAsTextDismissesWithAReasonAndAcceptsThroughTheEditor()
    {
        var world = await AdminWorld.CreateAsync(app);
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(world.ClubA) && s.BySlug.ContainsKey(world.ClubB));
        string toDismiss = $"{Markup} {Guid.NewGuid():N}", toAccept = $"Nowy telefon {Guid.NewGuid():N}", aboutB = $"O klubie B {Guid.NewGuid():N}";
        await SendAsync(world.ClubA, toDismiss);
        await SendAsync(world.ClubA, toAccept);
        await SendAsync(world.ClubB, aboutB);

        await using var session = await AdminBrowser.OpenAsync(browser!, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);
        await Expect(page.Locator($"#club-table tr[data-slug='{world.ClubA}'] [data-flag='suggestions']")).ToBeVisibleAsync();
        await page.Locator("a[data-route-link='suggestions']").ClickAsync();

        var list = page.Locator("#suggestion-list");
        var dismissItem = list.Locator("li.suggestion", new() { HasText = toDismiss });
        await Expect(dismissItem).ToBeVisibleAsync();
        await Expect(list.Locator("img, b")).ToHaveCountAsync(0); // the markup stayed text
        await Expect(list).Not.ToContainTextAsync(aboutB); // operator B's club
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));

        // Dismiss needs a reason.
        await dismissItem.GetByRole(AriaRole.Button, new() { Name = "Odrzuć…" }).ClickAsync();
        var reason = dismissItem.GetByLabel("Powód odrzucenia");
        await Expect(reason).ToBeFocusedAsync();
        await dismissItem.GetByRole(AriaRole.Button, new() { Name = "Odrzuć zgłoszenie" }).ClickAsync();
        await Expect(reason).ToHaveAttributeAsync("aria-invalid", "true");
        await reason.FillAsync("Dane są aktualne.");
        await dismissItem.GetByRole(AriaRole.Button, new() { Name = "Odrzuć zgłoszenie" }).ClickAsync();
        await Expect(list.Locator("li.suggestion", new() { HasText = toDismiss })).ToHaveCountAsync(0);

        // Accept opens the editor with the suggestion beside it; saving closes it and the history names it.
        await list.Locator("li.suggestion", new() { HasText = toAccept }).GetByRole(AriaRole.Link, new() { Name = "Przyjmij i edytuj klub" }).ClickAsync();
        await Expect(page.Locator("#suggestion-panel")).ToContainTextAsync(toAccept);
        await Expect(page.Locator("#club-name")).ToHaveValueAsync($"TEST synthetic club {world.ClubA}");
        await page.Locator("#club-phone").FillAsync("+48 12 111 22 33");
        await page.Locator("#save-club").ClickAsync();
        await Expect(page.Locator("#suggestion-count")).ToBeVisibleAsync(); // back in the queue
        await Expect(page.Locator("#suggestion-list li.suggestion", new() { HasText = toAccept })).ToHaveCountAsync(0);

        using var admin = AdminBrowser.Bearer(app, world.AdminToken);
        var history = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/admin/clubs/{world.ClubA}/history");
        Assert.Equal(JsonValueKind.Number, history![0].GetProperty("suggestionId").ValueKind);
        Assert.Contains("phone", history[0].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        session.AssertNoDialogs();
    }
}
