using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClubFinder.Tests.Admin;
using ClubFinder.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// The admin pages in the distribution's Chromium against the real app on a Kestrel port. Each
/// test makes its own synthetic operators, clubs and accounts (AdminWorld), so tests never see
/// each other's edits.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPagesTests(BrowserApp app) : IAsyncLifetime
{
    const string Markup = "<img src=x onerror=alert(1)>";

    IPlaywright? playwright;
    IBrowser? browser;

    IBrowser Browser => browser!;

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

    [Fact]
    public async Task TheSignInListEditorAndTokenPagesHaveNoSeriousAccessibilityViolations()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await page.GotoAsync(app.BaseUrl + "/admin/");
        await Expect(page.Locator("#signin-email")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "sign-in");

        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);
        await Expect(page.Locator($"#club-table tr[data-slug='{world.ClubA}']")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "club list");

        await page.Locator($"#club-table tr[data-slug='{world.ClubA}'] a").ClickAsync();
        await Expect(page.Locator("#club-name")).ToHaveValueAsync($"TEST synthetic club {world.ClubA}");
        await AssertNoSeriousViolationsAsync(page, "club editor");

        await page.Locator("a[data-route-link='tokens']").ClickAsync();
        await Expect(page.Locator("#token-table")).ToBeVisibleAsync();
        await AssertNoSeriousViolationsAsync(page, "tokens");
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task LeavingTheEditorWithUnsavedEditsAsksFirst()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);
        await page.Locator($"#club-table tr[data-slug='{world.ClubA}'] a").ClickAsync();
        await page.Locator("#club-name").FillAsync("TEST synthetic, edited but not saved");

        // The question comes from the hashchange after the click, not during it: wait for the dialog itself.
        var question = await session.DialogAfterAsync(() => page.Locator("a[data-route-link='clubs']").ClickAsync());
        Assert.StartsWith("confirm:", question);
        await Expect(page).ToHaveURLAsync(new Regex($"#clubs/{Regex.Escape(world.ClubA)}$")); // stayed: the question was dismissed
        await Expect(page.Locator("#club-name")).ToHaveValueAsync("TEST synthetic, edited but not saved");

        session.AcceptConfirmations = true;
        await page.Locator("a[data-route-link='clubs']").ClickAsync();
        await Expect(page.Locator($"#club-table tr[data-slug='{world.ClubA}']")).ToBeVisibleAsync();
    }

    static async Task AssertNoSeriousViolationsAsync(IPage page, string state)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{state}: " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
    }

    [Fact]
    public async Task OperatorDragsTheMarkerSavesAndThePublicApiServesTheNewPoint()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);

        await page.Locator($"#club-table tr[data-slug='{world.ClubA}'] a").ClickAsync();
        await Expect(page.Locator("#club-name")).ToHaveValueAsync($"TEST synthetic club {world.ClubA}");
        var lat = page.Locator("#club-location-lat");
        var lon = page.Locator("#club-location-lon");
        var before = (await lat.InputValueAsync(), await lon.InputValueAsync());

        var marker = page.Locator("[data-testid='club-marker']");
        await Expect(marker).ToBeVisibleAsync();
        await AdminBrowser.CenterAsync(page, "#club-map");
        var box = (await marker.BoundingBoxAsync())!;
        // Grab the icon near its tip (the point is at the bottom centre) and drag it down-right.
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height - 8);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 90, y + 60, new() { Steps = 12 });
        await page.Mouse.UpAsync();

        await Expect(lat).Not.ToHaveValueAsync(before.Item1);
        await Expect(page.Locator("#club-location-precision")).ToHaveValueAsync("building");
        var moved = (Parse(await lat.InputValueAsync()), Parse(await lon.InputValueAsync()));
        Assert.True(moved.Item1 < 50.0650 && moved.Item2 > 19.9450, $"dragged down-right, got {moved}");

        var save = await page.RunAndWaitForResponseAsync(() => page.Locator("#save-club").ClickAsync(),
            r => r.Url.EndsWith($"/api/admin/clubs/{world.ClubA}") && r.Request.Method == "PUT");
        Assert.Equal(200, save.Status);
        await Expect(page.Locator("#saved-message")).ToBeVisibleAsync();
        await Expect(page.Locator("#public-link")).ToHaveAttributeAsync("href", $"/clubs/{world.ClubA}");
        await Expect(page.Locator("#club-district")).ToContainTextAsync("Dzielnica:");

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var served = await Eventually.ValueAsync(async () => JsonNode.Parse(await http.GetStringAsync($"/api/clubs/{world.ClubA}"))!,
            s => Math.Abs(s["location"]!["lat"]!.GetValue<double>() - moved.Item1) < 1e-6);
        Assert.Equal(moved.Item1, served["location"]!["lat"]!.GetValue<double>(), 6);
        Assert.Equal(moved.Item2, served["location"]!["lon"]!.GetValue<double>(), 6);
        Assert.Equal("building", served["location"]!["precision"]!.GetValue<string>());
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task OperatorPlacesAClubAwaitingALocationWithTheKeyboardAndAClickOnTheMap()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using (var db = await app.OpenConnectionAsync())
        await using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = $"UPDATE clubs SET location = NULL, location_precision = NULL, district_number = NULL WHERE slug = '{world.ClubA}'";
            await cmd.ExecuteNonQueryAsync();
        }
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);

        var row = page.Locator($"#club-table tr[data-slug='{world.ClubA}']");
        await Expect(row.Locator("[data-flag='unlocated']")).ToBeVisibleAsync();
        await row.Locator("a").ClickAsync();
        await Expect(page.Locator("#unlocated-note")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid='club-marker']")).ToHaveCountAsync(0);

        await AdminBrowser.CenterAsync(page, "#club-map");
        var map = (await page.Locator("#club-map").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(map.X + map.Width / 2, map.Y + map.Height / 2);
        var marker = page.Locator("[data-testid='club-marker']");
        await Expect(marker).ToBeFocusedAsync();
        var placed = Parse(await page.Locator("#club-location-lon").InputValueAsync());
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.True(Parse(await page.Locator("#club-location-lon").InputValueAsync()) > placed, "the arrow keys move the marker east");

        await page.Locator("#save-club").ClickAsync();
        await Expect(page.Locator("#saved-message")).ToBeVisibleAsync();
        await Expect(page.Locator("#unlocated-note")).ToBeHiddenAsync();
        await page.GotoAsync("/admin/#clubs");
        await Expect(page.Locator($"#club-table tr[data-slug='{world.ClubA}'] [data-flag='unlocated']")).ToHaveCountAsync(0);
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task OperatorCreatesAClubPlacedFromAnAddressSuggestion()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);
        await page.Locator("#new-club").ClickAsync();
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        var name = $"TEST nowy klub {world.ClubA[^6..]}";
        await page.Locator("#club-name").FillAsync(name);
        await Expect(page.Locator("#club-slug")).ToHaveValueAsync($"test-nowy-klub-{world.ClubA[^6..]}");
        await Expect(page.Locator("#club-organization")).ToHaveValueAsync(world.OrgA);

        var street = page.Locator("#club-address-street");
        await street.PressSequentiallyAsync("Dobrego Pasterza");
        await Expect(page.Locator("#address-suggestions [role='option']").First).ToBeVisibleAsync();
        await Expect(street).ToHaveAttributeAsync("aria-expanded", "true");
        await street.PressAsync("ArrowDown");
        await Expect(street).ToHaveAttributeAsync("aria-activedescendant", "address-suggestions-0");
        await street.PressAsync("Enter");
        await Expect(street).ToHaveValueAsync("ul. Dobrego Pasterza");
        await Expect(page.Locator("[data-testid='club-marker']")).ToBeVisibleAsync();
        await Expect(page.Locator("#club-location-precision")).ToHaveValueAsync("street");
        await page.Locator("#club-address-houseNumber").FillAsync("6");

        var created = await page.RunAndWaitForResponseAsync(() => page.Locator("#save-club").ClickAsync(), r => r.Request.Method == "POST" && r.Url.EndsWith("/api/admin/clubs"));
        Assert.Equal(201, created.Status);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#clubs/test-nowy-klub-{world.ClubA[^6..]}$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("#club-district")).ToContainTextAsync("Prądnik Czerwony");
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task OperatorCannotOpenAnotherOrganizationsClub()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);

        await Expect(page.Locator($"#club-table tr[data-slug='{world.ClubA}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"#club-table tr[data-slug='{world.ClubB}']")).ToHaveCountAsync(0);

        var refused = await page.RunAndWaitForResponseAsync(() => page.GotoAsync($"/admin/#clubs/{world.ClubB}"),
            r => r.Url.EndsWith($"/api/admin/clubs/{world.ClubB}"));
        Assert.Equal(403, refused.Status);
        await Expect(page.Locator("h1")).ToHaveTextAsync("To nie jest Twój klub");
        await Expect(page.Locator("#not-yours")).ToContainTextAsync("należy do innej organizacji");
        await Expect(page.Locator("#club-form")).ToHaveCountAsync(0);
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task StoredMarkupIsShownAsTextInTheAdminPagesAndOnThePublicPage()
    {
        var world = await AdminWorld.CreateAsync(app);
        using var api = AdminBrowser.Bearer(app, world.OperatorAToken);
        var name = $"TEST {Markup} {world.ClubA[^6..]}";
        var (doc, etag) = await GetDocumentAsync(api, world.ClubA);
        doc["name"] = name;
        doc["description"] = $"Opis {Markup}<script>alert(2)</script>";
        doc["fee"] = $"bezpłatnie {Markup}";
        doc["parentNote"] = $"Uwaga {Markup}";
        doc["notes"] = $"Wewnętrzne {Markup}";
        doc["sessions"] = new JsonArray(new JsonObject
        {
            ["weekday"] = 2, ["startsAt"] = "10:00", ["endsAt"] = "12:00", ["title"] = $"Zabawa {Markup}", ["audience"] = "0–3",
        });
        Assert.Equal(HttpStatusCode.OK, (await PutDocumentAsync(api, world.ClubA, doc, etag)).StatusCode);

        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);

        // The list, the editor and the history show the markup as text and create no element from it.
        await Expect(page.Locator($"#club-table tr[data-slug='{world.ClubA}'] a")).ToHaveTextAsync(name);
        await AssertNoInjectedElementsAsync(page);
        await page.Locator($"#club-table tr[data-slug='{world.ClubA}'] a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);
        await Expect(page.Locator("#club-name")).ToHaveValueAsync(name);
        await Expect(page.Locator("#club-description")).ToHaveValueAsync($"Opis {Markup}<script>alert(2)</script>");
        await Expect(page.Locator("#club-fee")).ToHaveValueAsync($"bezpłatnie {Markup}");
        await Expect(page.Locator("#club-parentNote")).ToHaveValueAsync($"Uwaga {Markup}");
        await Expect(page.Locator("#club-notes")).ToHaveValueAsync($"Wewnętrzne {Markup}");
        await Expect(page.Locator("#session-0-title")).ToHaveValueAsync($"Zabawa {Markup}");
        await AssertNoInjectedElementsAsync(page);

        await page.Locator("#history-link").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(name);
        await page.Locator("#history-list details summary").First.ClickAsync();
        await Expect(page.Locator("#history-list")).ToContainTextAsync($"Zabawa {Markup}");
        await AssertNoInjectedElementsAsync(page);

        // The public finder page, built by its own module, shows the same text once the directory has it.
        await app.WaitForReloadAsync(s => s.BySlug.TryGetValue(world.ClubA, out var c) && c.Club.Name == name);
        await page.GotoAsync($"/clubs/{world.ClubA}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        foreach (var text in new[] { $"bezpłatnie {Markup}", $"Uwaga {Markup}", $"Zabawa {Markup}" })
            await Expect(page.GetByText(text, new() { Exact = true }).Filter(new() { Visible = true }).First).ToBeVisibleAsync();
        // The internal remarks stay internal: parents see only the note written for them.
        await Expect(page.GetByText($"Wewnętrzne {Markup}")).ToHaveCountAsync(0);
        await AssertNoInjectedElementsAsync(page);
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task AConflictingSaveShowsWhatChangedAndReappliesMyEditsOntoTheCurrentVersion()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);
        await page.GotoAsync($"/admin/#clubs/{world.ClubA}");
        await Expect(page.Locator("#club-name")).ToHaveValueAsync($"TEST synthetic club {world.ClubA}");
        await page.Locator("#club-fee").FillAsync("2 zł od rodziny");

        // Someone else saves first, through the API with a token.
        using var api = AdminBrowser.Bearer(app, world.AdminToken);
        var (doc, etag) = await GetDocumentAsync(api, world.ClubA);
        doc["description"] = "Opis zmieniony przez urząd";
        doc["phone"] = "+48 12 000 00 00";
        Assert.Equal(HttpStatusCode.OK, (await PutDocumentAsync(api, world.ClubA, doc, etag)).StatusCode);

        var conflict = await page.RunAndWaitForResponseAsync(() => page.Locator("#save-club").ClickAsync(),
            r => r.Request.Method == "PUT");
        Assert.Equal(412, conflict.Status);
        var panel = page.Locator("#conflict-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(page.Locator("#conflict-heading")).ToBeFocusedAsync();
        await Expect(page.Locator("#conflict-their-changes li[data-field='description']")).ToContainTextAsync("Opis zmieniony przez urząd");
        await Expect(page.Locator("#conflict-their-changes li[data-field='phone']")).ToBeVisibleAsync();
        await Expect(page.Locator("#conflict-my-changes li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#conflict-my-changes li[data-field='fee']")).ToContainTextAsync("2 zł od rodziny");

        await page.Locator("#conflict-reapply").ClickAsync();
        await Expect(panel).ToBeHiddenAsync();
        await Expect(page.Locator("#club-description")).ToHaveValueAsync("Opis zmieniony przez urząd");
        await Expect(page.Locator("#club-fee")).ToHaveValueAsync("2 zł od rodziny");
        await page.Locator("#save-club").ClickAsync();
        await Expect(page.Locator("#saved-message")).ToBeVisibleAsync();

        var (stored, _) = await GetDocumentAsync(api, world.ClubA);
        Assert.Equal("Opis zmieniony przez urząd", (string?)stored["description"]);
        Assert.Equal("+48 12 000 00 00", (string?)stored["phone"]);
        Assert.Equal("2 zł od rodziny", (string?)stored["fee"]);
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task TheTimetableEditorAddsASessionCopiesADayAndShowsFieldErrorsNextToTheInputs()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);
        await page.GotoAsync($"/admin/#clubs/{world.ClubA}");
        await Expect(page.Locator("#sessions-empty")).ToBeVisibleAsync();

        await page.Locator("#add-session").ClickAsync();
        await Expect(page.Locator("#session-0-weekday")).ToBeFocusedAsync();
        await page.Locator("#session-0-weekday").SelectOptionAsync("1");
        await page.Locator("#session-0-startsAt").FillAsync("09:30");
        await page.Locator("#session-0-endsAt").FillAsync("11:00");
        await page.Locator("#session-0-title").FillAsync("Zabawy ruchowe");
        await page.Locator("#session-0-audience").FillAsync("dzieci 1–3 lata z rodzicami");

        await page.Locator("#copy-from").SelectOptionAsync("1");
        await page.Locator("#copy-to").SelectOptionAsync("3");
        await page.Locator("#copy-day").ClickAsync();
        await Expect(page.Locator("#sessions-body tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#session-1-weekday")).ToHaveValueAsync("3");
        await Expect(page.Locator("#session-1-title")).ToHaveValueAsync("Zabawy ruchowe");
        await Expect(page.Locator("#page-status")).ToContainTextAsync("Skopiowano 1 zajęcia");

        // A third session that ends before it starts: the server's message lands on that input.
        await page.Locator("#add-session").ClickAsync();
        await page.Locator("#session-2-weekday").SelectOptionAsync("5");
        await page.Locator("#session-2-startsAt").FillAsync("12:00");
        await page.Locator("#session-2-endsAt").FillAsync("11:00");
        var refused = await page.RunAndWaitForResponseAsync(() => page.Locator("#save-club").ClickAsync(), r => r.Request.Method == "PUT");
        Assert.Equal(400, refused.Status);
        var end = page.Locator("#session-2-endsAt");
        await Expect(end).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = (await end.GetAttributeAsync("aria-describedby"))!;
        await Expect(page.Locator($"#{describedBy.Split(' ').Last()}")).ToContainTextAsync("Koniec musi być po początku");
        await Expect(page.Locator("#error-summary")).ToBeFocusedAsync();

        await page.Locator("#sessions-body tr[data-index='2'] button").ClickAsync();
        await page.Locator("#save-club").ClickAsync();
        await Expect(page.Locator("#saved-message")).ToBeVisibleAsync();
        await Expect(end).ToHaveCountAsync(0);

        using var api = AdminBrowser.Bearer(app, world.OperatorAToken);
        var (stored, _) = await GetDocumentAsync(api, world.ClubA);
        var sessions = stored["sessions"]!.AsArray().Select(s => ((int)s!["weekday"]!, (string?)s["startsAt"], (string?)s["endsAt"], (string?)s["title"])).ToList();
        Assert.Equal(new (int, string?, string?, string?)[] { (1, "09:30", "11:00", "Zabawy ruchowe"), (3, "09:30", "11:00", "Zabawy ruchowe") }, sessions);
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task AWrongPasswordGetsTheGenericMessageAndTheSignInFormStays()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await page.GotoAsync("/admin/");
        await page.Locator("#signin-email").FillAsync(world.OperatorAEmail);
        await page.Locator("#signin-password").FillAsync("not-the-password-1");
        await page.Locator("#signin-password").PressAsync("Enter");
        await Expect(page.Locator("#signin-error")).ToContainTextAsync("Nieprawidłowy e-mail lub hasło");
        await Expect(page.Locator("#signin-password")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#admin-nav")).ToBeHiddenAsync();
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task AnAdminInvitesAnOperatorWhoSetsAPasswordAndSeesOnlyItsClubs()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.AdminEmail);
        await page.Locator("a[data-route-link='users']").ClickAsync();
        var email = $"invited-{world.ClubB[^8..]}@example.test";
        await page.Locator("#invite-email").FillAsync(email);
        await page.Locator("#invite-role").SelectOptionAsync("Operator");
        await page.Locator("#invite-organization").SelectOptionAsync(world.OrgB);
        await page.Locator("#invite-submit").ClickAsync();
        var link = await page.Locator("#access-link-url").InputValueAsync();
        Assert.StartsWith($"{app.BaseUrl}/admin/#set-password?email=", link);
        await Expect(page.Locator("#user-table")).ToContainTextAsync(email);

        await page.Locator("#sign-out").ClickAsync();
        await Expect(page.Locator("#signin-email")).ToBeVisibleAsync();
        await page.GotoAsync(link);
        await page.Locator("#setpw-password").FillAsync("nowe-haslo-2026-ok");
        await page.Locator("#setpw-repeat").FillAsync("nowe-haslo-2026-ok");
        await page.Locator("#setpw-repeat").PressAsync("Enter");
        await Expect(page.Locator("#view").GetByText("Hasło ustawione")).ToBeVisibleAsync();

        await AdminBrowser.SignInAsync(page, email, "nowe-haslo-2026-ok");
        await Expect(page.Locator($"#club-table tr[data-slug='{world.ClubB}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"#club-table tr[data-slug='{world.ClubA}']")).ToHaveCountAsync(0);
        await Expect(page.Locator("a[data-route-link='users']")).ToBeHiddenAsync();
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task ATokenIsShownOnceWorksForScriptsAndStopsWorkingWhenRevoked()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        session.AcceptConfirmations = true;
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.OperatorAEmail);
        await page.Locator("a[data-route-link='tokens']").ClickAsync();
        await Expect(page.Locator("#token-table")).ToBeVisibleAsync();
        await page.Locator("#token-name").FillAsync("nightly sync");
        await page.Locator("#token-lifetime").SelectOptionAsync("90");
        await page.Locator("#token-name").PressAsync("Enter");
        var token = await page.Locator("#token-value").InputValueAsync();
        Assert.StartsWith("cf_", token);
        await Expect(page.Locator("#token-table")).ToContainTextAsync("nightly sync");
        // The list shows when the chosen 90 days run out, in the page's own date format.
        var expires = app.Clock.GetUtcNow().AddDays(90);
        var shown = await page.EvaluateAsync<string>(
            "ms => new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms))",
            expires.ToUnixTimeMilliseconds());
        await Expect(page.Locator("#token-table tbody tr", new() { HasText = "nightly sync" })).ToContainTextAsync(shown);

        using var script = AdminBrowser.Bearer(app, token);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync($"/api/admin/clubs/{world.ClubA}")).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "Unieważnij token nightly sync" }).ClickAsync();
        await Expect(page.Locator("#token-table")).ToContainTextAsync("unieważniony");
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync($"/api/admin/clubs/{world.ClubA}")).StatusCode);
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task TheCsvImportPreviewsEveryRowAndCommitsOnlyWhenInvalidRowsAreSkipped()
    {
        var world = await AdminWorld.CreateAsync(app);
        await using var session = await AdminBrowser.OpenAsync(Browser, app);
        var page = session.Page;
        await AdminBrowser.SignInAsync(page, world.AdminEmail);
        await page.Locator("a[data-route-link='import']").ClickAsync();
        var csv = $"slug,name,status\r\n{world.ClubA},\"TEST imported, renamed\",active\r\n{world.ClubB},TEST other,bogus\r\n";
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "clubs.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await page.Locator("#import-preview").ClickAsync();
        await Expect(page.Locator("#import-result-heading")).ToBeFocusedAsync();
        await Expect(page.Locator("#import-table tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#import-table tbody tr").Nth(0)).ToContainTextAsync("zmieniony");
        await Expect(page.Locator("#import-table tbody tr").Nth(1)).ToContainTextAsync("błąd");

        await page.Locator("#import-commit").ClickAsync();
        await Expect(page.Locator("#import-commit-status")).ToContainTextAsync("błędne wiersze");
        using var api = AdminBrowser.Bearer(app, world.AdminToken);
        Assert.Equal($"TEST synthetic club {world.ClubA}", (string?)(await GetDocumentAsync(api, world.ClubA)).Doc["name"]);

        await page.Locator("#import-skip-invalid").CheckAsync();
        await page.Locator("#import-commit").ClickAsync();
        await Expect(page.Locator("#import-commit-status")).ToContainTextAsync("Zapisano");
        Assert.Equal("TEST imported, renamed", (string?)(await GetDocumentAsync(api, world.ClubA)).Doc["name"]);
        session.AssertNoDialogs();
    }

    [Fact]
    public async Task TheEditorFitsADesktopAndA360PixelPhone()
    {
        var world = await AdminWorld.CreateAsync(app);
        foreach (var (name, width, height) in new[] { ("desktop", 1280, 900), ("phone", 360, 740) })
        {
            await using var session = await AdminBrowser.OpenAsync(Browser, app, width, height);
            var page = session.Page;
            await AdminBrowser.SignInAsync(page, world.OperatorAEmail);
            await page.ScreenshotAsync(new() { Path = AdminBrowser.ScreenshotPath($"admin-clubs-{name}.png"), FullPage = true });
            await page.GotoAsync($"/admin/#clubs/{world.ClubA}");
            await Expect(page.Locator("[data-testid='club-marker']")).ToBeVisibleAsync();
            await page.Locator("#add-session").ClickAsync();
            await page.ScreenshotAsync(new() { Path = AdminBrowser.ScreenshotPath($"admin-editor-{name}.png"), FullPage = true });
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{name}: the page scrolls sideways by {overflow} px");
            session.AssertNoDialogs();
        }
    }

    static async Task AssertNoInjectedElementsAsync(IPage page)
    {
        // The CSP would stop an inline handler anyway, so the page is checked for the element itself:
        // text inserted as markup would have created it. Callers check only after the text is on the
        // page, so an element made from it would be there too: no waiting needed.
        // The server's club page has one JSON-LD block, a data element the browser never runs.
        Assert.Equal(0, await page.Locator("img[src='x'], script:not([src]):not([type='application/ld+json'])").CountAsync());
    }

    static async Task<(JsonObject Doc, string ETag)> GetDocumentAsync(HttpClient api, string slug)
    {
        var response = await api.GetAsync($"/api/admin/clubs/{slug}");
        response.EnsureSuccessStatusCode();
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject(), response.Headers.ETag!.Tag);
    }

    static Task<HttpResponseMessage> PutDocumentAsync(HttpClient api, string slug, JsonObject doc, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{slug}") { Content = JsonContent.Create(doc) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return api.SendAsync(request);
    }

    static double Parse(string text) => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Chromium settings and page helpers shared by the admin browser tests.</summary>
public static class AdminBrowser
{
    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    };

    /// <summary>A fresh browser context (own cookies) whose page may only reach the app on 127.0.0.1.</summary>
    public static async Task<AdminSession> OpenAsync(IBrowser browser, BrowserApp app, int width = 1280, int height = 900)
    {
        var context = BrowserTimeouts.Apply(await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "pl-PL",
            TimezoneId = "Europe/Warsaw",
        }));
        // Map tiles and anything else off the machine are refused at once instead of timing out.
        await context.RouteAsync("**/*", route => new Uri(route.Request.Url).Host == "127.0.0.1" ? route.ContinueAsync() : route.AbortAsync());
        var page = await context.NewPageAsync();
        return new AdminSession(context, page);
    }

    public static async Task SignInAsync(IPage page, string email, string password = AdminWorld.Password)
    {
        await page.GotoAsync("/admin/");
        await page.Locator("#signin-email").FillAsync(email);
        await page.Locator("#signin-password").FillAsync(password);
        await page.Locator("#signin-password").PressAsync("Enter");
        await Expect(page.Locator("#club-table")).ToBeVisibleAsync();
        await Expect(page.Locator("#whoami")).ToContainTextAsync(email);
    }

    /// <summary>Scrolls an element to the middle of the viewport, clear of the sticky save bar.</summary>
    public static Task CenterAsync(IPage page, string selector) =>
        page.Locator(selector).EvaluateAsync("e => e.scrollIntoView({ block: 'center', behavior: 'instant' })");

    public static HttpClient Bearer(BrowserApp app, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string ScreenshotPath(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClubFinder.sln"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, file);
    }
}

/// <summary>One browser context and page; any JavaScript dialog (alert, confirm) is recorded and fails the test.</summary>
public sealed class AdminSession : IAsyncDisposable
{
    readonly List<string> dialogs = [];

    public AdminSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Dialog += OnDialog;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Accept the page's own confirm() questions (revoking, resetting); any other dialog still fails.</summary>
    public bool AcceptConfirmations { get; set; }

    TaskCompletionSource<string>? nextDialog;

    void OnDialog(object? sender, IDialog dialog)
    {
        if (AcceptConfirmations && dialog.Type == "confirm")
        {
            _ = dialog.AcceptAsync();
            return;
        }
        var text = $"{dialog.Type}: {dialog.Message}";
        lock (dialogs)
        {
            dialogs.Add(text);
            nextDialog?.TrySetResult(text);
        }
        _ = dialog.DismissAsync();
    }

    /// <summary>The first dialog (dismissed) that opens during or after the action: a page may ask only once its events have run.</summary>
    public async Task<string> DialogAfterAsync(Func<Task> action)
    {
        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (dialogs) nextDialog = waiting;
        await action();
        try
        {
            return await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            lock (dialogs) nextDialog = null;
        }
    }

    public IReadOnlyList<string> Dialogs
    {
        get { lock (dialogs) return [.. dialogs]; }
    }

    public void AssertNoDialogs()
    {
        lock (dialogs) Assert.True(dialogs.Count == 0, "Unexpected dialogs: " + string.Join("; ", dialogs));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
