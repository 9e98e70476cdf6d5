using System.Text.Json;
using System.Text.Json.Nodes;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Schedules;
using ClubFinder.Tests.Data;
using ClubFinder.Tests.Infrastructure;
using ClubFinder.Tests.Schedules;
using Dapper;
using Microsoft.Playwright;
using static ClubFinder.Tests.Browser.FinderSteps;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>
/// The time side of the page (issue 5): timetable, "opens …", calendar links, the time filters and
/// "starting soon near me". The app's clock is Tuesday 10 March 2026, 10:30 in Kraków; each test adds
/// a clearly marked synthetic club near the Main Market Square with sessions around that time and
/// removes it afterwards.
/// </summary>
[Collection(BrowserCollection.Name)]
public class FinderScheduleTests(BrowserApp app, BrowserSession browser) : IClassFixture<BrowserSession>, IAsyncLifetime
{
    const string Slug = "test-synthetic-finder-schedule";
    const double Lat = 50.0614, Lon = 19.9366;
    const string Here = "/?lat=50.0614&lon=19.9366";

    public async Task InitializeAsync()
    {
        var club = MigrationAndImportTests.SyntheticClub(Slug, Lat, Lon);
        club["validFrom"] = "2026-02-01";
        club["validTo"] = "2026-06-30";
        club["sessions"] = new JsonArray(
            Session(2, "10:00", "11:00", "TEST Teraz", audience: "0–1 rok"),
            Session(2, "11:00", "12:00", "TEST Zaraz", registration: true),
            Session(2, "12:30", null, "TEST Po południu"),
            Session(3, "09:00", "10:00", "TEST Środa", from: "2026-03-01", to: "2026-04-30"));
        club["closures"] = new JsonArray(
            new JsonObject { ["from"] = "2026-03-17", ["to"] = "2026-03-17", ["reason"] = "TEST zebranie" },
            new JsonObject { ["from"] = "2026-04-20", ["to"] = "2026-04-26", ["reason"] = "TEST remont" });
        await ScheduleTestClubs.ImportAsync(app, club);
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(Slug));
    }

    public async Task DisposeAsync()
    {
        await using var db = await app.OpenConnectionAsync();
        await db.ExecuteAsync("DELETE FROM clubs WHERE slug = @Slug", new { Slug });
        await app.WaitForReloadAsync(s => !s.BySlug.ContainsKey(Slug));
    }

    static JsonObject Session(int weekday, string start, string? end, string title, string? audience = null,
        bool? registration = null, string? from = null, string? to = null) => new()
    {
        ["weekday"] = weekday, ["startsAt"] = start, ["endsAt"] = end, ["title"] = title, ["audience"] = audience,
        ["registrationRequired"] = registration, ["validFrom"] = from, ["validTo"] = to,
    };

    [Fact]
    public async Task AClubsTimetableOpensNextTextAndCalendarLinksMatchTheApi()
    {
        var club = await app.GetJsonAsync<ClubDetails>($"/api/clubs/{MalwaSlug}");
        Assert.False(club.OpenNow);
        Assert.Equal(new DateTime(2026, 3, 11, 9, 30, 0), club.NextOpening);
        var pl = Catalogue("pl");

        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await OpenAsync(page, $"/clubs/{MalwaSlug}");
        var details = p.Locator("#club-details-body");

        var state = details.Locator(".open-state");
        await Expect(state).ToContainTextAsync(pl["club.closedNext"].Split('{')[0]);
        await Expect(state).ToContainTextAsync("środa, 11 marca");
        await Expect(state).ToContainTextAsync("09:30");

        var rows = details.Locator("table.schedule tbody tr");
        await Expect(rows).ToHaveCountAsync(club.Sessions.Count);
        await Expect(rows.First).ToContainTextAsync("Poniedziałek");
        await Expect(rows.First).ToContainTextAsync("od 09:30");
        await Expect(rows.First).ToContainTextAsync(club.Sessions.First(s => s.Weekday == 1).Title!);
        await Expect(details).ToContainTextAsync(pl["details.seasonUnknown"]);
        var occurrences = await app.GetJsonAsync<OccurrenceList>($"/api/clubs/{MalwaSlug}/occurrences");
        await Expect(details.Locator(".dates__list li")).ToHaveCountAsync(occurrences.Items.Count + occurrences.Cancelled.Count);
        await Expect(details.Locator(".dates__list li").First).ToHaveTextAsync(
            $"Wtorek, 10 marca, 09:30 · {occurrences.Items[0].Title}");

        var path = $"/api/clubs/{MalwaSlug}/calendar.ics";
        var download = details.Locator($"a[href='{path}']");
        await Expect(download).ToHaveTextAsync(pl["details.calendarDownload"]);
        await Expect(download).ToHaveAttributeAsync("download", $"{MalwaSlug}.ics");
        var host = new Uri(app.BaseUrl).Authority;
        await Expect(details.Locator($"a[href='webcal://{host}{path}']")).ToHaveTextAsync(pl["details.calendarSubscribe"]);

        using var http = new HttpClient();
        var feed = await http.GetAsync(app.BaseUrl + path);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var text = await feed.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR", text);
        Assert.Contains("MuzykujMy!", text);
        await page.AssertAccessibleAsync("club timetable");

        await p.SelectOptionAsync("#lang-select", "en");
        await Expect(state).ToContainTextAsync("opens Wednesday");
        await Expect(rows.First).ToContainTextAsync("Monday");
        await Expect(download).ToHaveTextAsync(Catalogue("en")["details.calendarDownload"]);
        page.AssertNoProblems();
    }

    [Fact]
    public async Task TheTimetableShowsTheSeasonSessionDatesRegistrationAndClosures()
    {
        await using var page = await browser.NewPageAsync(app.BaseUrl);
        await OpenAsync(page, $"/clubs/{Slug}");
        var details = page.Page.Locator("#club-details-body");

        await Expect(details.Locator(".open-state")).ToHaveTextAsync("Otwarte teraz");
        await Expect(details.Locator(".schedule__season")).ToHaveTextAsync("Plan obowiązuje od 1 lutego 2026 do 30 czerwca 2026.");
        await Expect(details.Locator("table.schedule tbody tr")).ToHaveCountAsync(4);
        await Expect(details.Locator("tr", new() { HasText = "TEST Zaraz" })).ToContainTextAsync("zapisy wymagane");
        await Expect(details.Locator("tr", new() { HasText = "TEST Środa" })).ToContainTextAsync("tylko od 1 marca 2026 do 30 kwietnia 2026");
        await Expect(details.Locator("tr", new() { HasText = "TEST Po południu" })).ToContainTextAsync("od 12:30");
        await Expect(details.Locator(".closures")).ToContainTextAsync("20 kwietnia 2026 – 26 kwietnia 2026: TEST remont");

        // The next two weeks on the page are the API's occurrences, and the closure's cancellations say why.
        var occurrences = await app.GetJsonAsync<OccurrenceList>($"/api/clubs/{Slug}/occurrences");
        Assert.Equal(3, occurrences.Cancelled.Count);
        var dates = details.Locator(".dates__list li");
        await Expect(dates).ToHaveCountAsync(occurrences.Items.Count + occurrences.Cancelled.Count);
        await Expect(dates.First).ToHaveTextAsync("Wtorek, 10 marca, 10:00–11:00 · TEST Teraz");
        var cancelled = details.Locator(".dates__item--cancelled");
        await Expect(cancelled).ToHaveCountAsync(3);
        await Expect(cancelled.First).ToHaveTextAsync("Wtorek, 17 marca, 10:00 · TEST Teraz — odwołane: TEST zebranie");
        await page.AssertAccessibleAsync("timetable with season and closures");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task StartingSoonListsTheNextThreeHoursSessionsSoonestFirstWithClubAndDistance()
    {
        var expected = await app.GetJsonAsync<UpcomingResult>($"/api/sessions/upcoming?lat={Lat}&lon={Lon}&within=PT3H&radius=3000");
        Assert.Equal(["TEST Zaraz", "TEST Po południu"], expected.Items.Select(i => i.Title));

        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await OpenAsync(page, Here);
        await p.ClickAsync("#starting-soon-open");
        await AssertAtAsync(page, "/?lat=50.0614&lon=19.9366&view=soon");
        await WaitUntilSettledAsync(page);

        var panel = p.Locator("#starting-soon");
        await Expect(p.Locator("#starting-soon-heading")).ToBeFocusedAsync();
        await Expect(p.Locator("#results-section")).ToBeHiddenAsync();
        var items = panel.Locator("li.soon-item");
        await Expect(items).ToHaveCountAsync(expected.Items.Count);
        await Expect(items.Nth(0).Locator("h3")).ToHaveTextAsync("11:00–12:00 · TEST Zaraz");
        await Expect(items.Nth(0).Locator(".soon-item__when")).ToHaveTextAsync("za 30 min");
        await Expect(items.Nth(0)).ToContainTextAsync("zapisy wymagane");
        await Expect(items.Nth(1).Locator("h3")).ToHaveTextAsync("od 12:30 (godzina końca nieznana) · TEST Po południu");
        await Expect(items.Nth(1).Locator(".soon-item__when")).ToHaveTextAsync("za 2 godz.");
        for (var i = 0; i < expected.Items.Count; i++)
        {
            await Expect(items.Nth(i).Locator("a.club-link")).ToHaveTextAsync(expected.Items[i].Club.Name);
            AssertDistanceMatches(await items.Nth(i).Locator(".distance").InnerTextAsync(), expected.Items[i].DistanceMeters, expected.Items[i].Club.Slug);
        }
        await Expect(p.Locator("#result-count")).ToHaveTextAsync("2 terminy zajęć w ciągu 3 godzin.");
        await page.AssertAccessibleAsync("starting soon");
        await page.ScreenshotAsync("desktop-starting-soon-sessions");

        await items.Nth(0).Locator("a.club-link").ClickAsync();
        await AssertAtAsync(page, $"/clubs/{Slug}");
        await WaitUntilSettledAsync(page);
        await Expect(p.Locator("#club-details-heading")).ToHaveTextAsync(expected.Items[0].Club.Name);
        await p.GoBackAsync();
        await AssertAtAsync(page, "/?lat=50.0614&lon=19.9366&view=soon");
        await Expect(items).ToHaveCountAsync(expected.Items.Count);

        await p.ReloadAsync();
        await WaitUntilSettledAsync(page);
        await Expect(items).ToHaveCountAsync(expected.Items.Count);

        await p.Locator("#starting-soon button.back-link").ClickAsync();
        await AssertAtAsync(page, "/?lat=50.0614&lon=19.9366");
        await WaitUntilSettledAsync(page);
        await Expect(panel).ToBeHiddenAsync();
        await Expect(Items(page).First).ToBeVisibleAsync();
        page.AssertNoProblems();
    }

    [Fact]
    public async Task StartingSoonFromTheLandingPageUsesTheLocationAndExplainsAnEmptyWindow()
    {
        // Nowa Huta: no club with a timetable within 3 km.
        const double lat = 50.0720, lon = 20.0380;
        var expected = await app.GetJsonAsync<UpcomingResult>($"/api/sessions/upcoming?lat={lat}&lon={lon}&within=PT3H&radius=3000");
        Assert.Empty(expected.Items);
        var pl = Catalogue("pl");

        await using var page = await browser.NewPageAsync(app.BaseUrl, new()
        {
            Permissions = ["geolocation"],
            Geolocation = new Geolocation { Latitude = (float)lat, Longitude = (float)lon },
        });
        await OpenAsync(page, "/");
        await page.Page.ClickAsync("#starting-soon-open");
        await AssertAtAsync(page, "/?lat=50.072&lon=20.038&view=soon");
        await WaitUntilSettledAsync(page);

        var panel = page.Page.Locator("#starting-soon");
        await Expect(panel.Locator(".results__origin")).ToHaveTextAsync(pl["soon.fromLocation"]);
        await Expect(panel.Locator(".results__empty")).ToHaveTextAsync(pl["soon.empty"]);
        await Expect(panel.Locator("li")).ToHaveCountAsync(0);
        await Expect(page.Page.Locator("#result-count")).ToHaveTextAsync(pl["soon.none"]);
        await page.AssertAccessibleAsync("starting soon, nothing found");
        page.AssertNoProblems();
    }

    [Fact]
    public async Task TimeFiltersAskTheApiForOpenNowAndADayAndSayClubsWithoutATimetableAreLeftOut()
    {
        var openNow = await app.GetJsonAsync<ClubList>("/api/clubs?openNow=true");
        var wednesday = await app.GetJsonAsync<ClubList>("/api/clubs?day=3");
        Assert.Contains(openNow.Items, c => c.Slug == Slug);
        Assert.Contains(wednesday.Items, c => c.Slug == MalwaSlug);
        var pl = Catalogue("pl");

        await using var page = await browser.NewPageAsync(app.BaseUrl);
        var p = page.Page;
        await OpenAsync(page, "/");
        // The filters are folded behind their toggle on every screen.
        await p.Locator("#filters-toggle").ClickAsync();
        await Expect(p.Locator("#filters-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(p.Locator("#filters-schedule-hint")).ToHaveTextAsync(pl["filters.scheduleHint"]);
        await Expect(p.Locator("#filter-open-now")).ToHaveAttributeAsync("aria-describedby", "filters-schedule-hint");

        var request = await p.RunAndWaitForRequestAsync(() => p.CheckAsync("#filter-open-now"),
            r => r.Url.Contains("/api/clubs?") && r.Url.Contains("openNow=true"));
        Assert.DoesNotContain("day=", request.Url);
        await WaitUntilSettledAsync(page);
        await Expect(Items(page)).ToHaveCountAsync(openNow.Total);
        Assert.Equal(openNow.Items.Select(c => c.Slug).Order(), (await ListedSlugsAsync(page)).Order());

        await p.UncheckAsync("#filter-open-now");
        await WaitUntilSettledAsync(page);
        request = await p.RunAndWaitForRequestAsync(() => p.SelectOptionAsync("#filter-day", "3"),
            r => r.Url.Contains("/api/clubs?") && r.Url.Contains("day=3"));
        Assert.DoesNotContain("openNow", request.Url);
        await WaitUntilSettledAsync(page);
        await Expect(Items(page)).ToHaveCountAsync(wednesday.Total);
        Assert.Equal(wednesday.Items.Select(c => c.Slug).Order(), (await ListedSlugsAsync(page)).Order());
        Assert.EndsWith("/?day=3", p.Url);
        await page.AssertAccessibleAsync("day filter");

        // A district where no club publishes a timetable: the empty list says why.
        var districts = await app.GetJsonAsync<List<DistrictRow>>("/api/districts");
        int? emptyDistrict = null;
        foreach (var d in districts.Where(d => d.ClubCount > 0))
            if ((await app.GetJsonAsync<ClubList>($"/api/clubs?district={d.Number}&day=3")).Total == 0) { emptyDistrict = d.Number; break; }
        Assert.NotNull(emptyDistrict);
        await OpenAsync(page, $"/?district={emptyDistrict}&day=3");
        await Expect(p.Locator("#results-empty")).ToHaveTextAsync(pl["results.emptyScheduleFiltered"]);
        await Expect(p.Locator("#result-count")).ToHaveTextAsync(pl["results.emptyScheduleFiltered"]);
        page.AssertNoProblems();
    }
}
