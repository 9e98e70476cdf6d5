using System.Net.Http.Json;
using System.Text.Json;
using ClubFinder.Tests.Admin;
using ClubFinder.Tests.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>The completeness view for the city office and the operator's to-do list.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CompletenessPageTests(BrowserApp app) : IAsyncLifetime
{
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

    [Fact]
    public async Task TheOfficeSeesTheGapsAndAnOperatorItsToDoList()
    {
        var world = await AdminWorld.CreateAsync(app);
        using var api = AdminBrowser.Bearer(app, world.AdminToken);
        var totals = (await api.GetFromJsonAsync<JsonElement>("/api/admin/completeness")).GetProperty("totals");

        await using var office = await AdminBrowser.OpenAsync(browser!, app);
        await AdminBrowser.SignInAsync(office.Page, world.AdminEmail);
        await office.Page.Locator("a[data-route-link='completeness']").ClickAsync();
        var summary = office.Page.Locator("#completeness-summary");
        await Expect(summary).ToContainTextAsync($"{totals.GetProperty("known").GetInt32()} z około 50");
        await Expect(office.Page.Locator($"#completeness-table tr[data-slug='{world.ClubA}'] li[data-gap='timetable']")).ToBeVisibleAsync();
        await Expect(office.Page.Locator($"#completeness-operators tr[data-operator='{world.OrgA}'] a[href='/api/admin/completeness/request/{world.OrgA}']")).ToBeVisibleAsync();
        var axe = await office.Page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));

        await office.Page.Locator("#completeness-gap").SelectOptionAsync("location");
        await Expect(office.Page.Locator("#completeness-gap")).ToHaveValueAsync("location");
        await Expect(office.Page.Locator($"#completeness-table tr[data-slug='{world.ClubA}']")).ToHaveCountAsync(0); // A has a point

        await using var operatorSession = await AdminBrowser.OpenAsync(browser!, app);
        await AdminBrowser.SignInAsync(operatorSession.Page, world.OperatorAEmail);
        var todo = operatorSession.Page.Locator("#todo");
        await Expect(todo).ToContainTextAsync("brak harmonogramu");
        await Expect(todo.Locator($"a[href='#clubs/{world.ClubA}']")).ToBeVisibleAsync();
        await Expect(todo).Not.ToContainTextAsync(world.ClubB);
        office.AssertNoDialogs();
        operatorSession.AssertNoDialogs();
    }
}
