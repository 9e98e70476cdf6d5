using System.Net;
using System.Net.Http.Headers;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Schedules;
using ClubFinder.Tests.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace ClubFinder.Tests.Schedules;

/// <summary>Occurrences, filters, upcoming sessions and calendar feeds over HTTP, at Tuesday 2026-03-10 10:30.</summary>
[Collection(AppCollection.Name)]
public class ScheduleApiTests(ClubFinderApp app) : IAsyncLifetime
{
    const string Term = ScheduleTestClubs.Term;

    public async Task InitializeAsync()
    {
        app.Clock.SetUtcNow(ClubFinderApp.DefaultNow.ToUniversalTime());
        await ScheduleTestClubs.CreateAllAsync(app);
    }

    public Task DisposeAsync() => ScheduleTestClubs.DeleteAllAsync(app);

    static string Local(DateTime t) => t.ToString("yyyy-MM-dd HH:mm");

    [Fact]
    public async Task OccurrencesLeaveOutHolidaysAndClosuresAndSayWhy()
    {
        var list = await app.GetJsonAsync<OccurrenceList>($"/api/clubs/{Term}/occurrences?from=2026-04-05&to=2026-04-26");

        var starts = list.Items.Select(o => $"{Local(o.Start)} {o.Title}").ToList();
        Assert.Equal([
            "2026-04-06 12:00 TEST Świąteczny",
            "2026-04-07 10:00 TEST Wtorek",
            "2026-04-08 09:30 TEST Bez godziny końca",
            "2026-04-12 02:30 TEST Nocna wiosna",
            "2026-04-13 10:00 TEST Poranek",
            "2026-04-14 10:00 TEST Wtorek",
            "2026-04-15 09:30 TEST Bez godziny końca",
            "2026-04-19 02:30 TEST Nocna wiosna",
        ], starts);
        Assert.Contains(list.Cancelled, c => c is { Kind: "holiday", Title: "TEST Poranek" } && c.Date == new DateOnly(2026, 4, 6) && c.Reason.StartsWith("Poniedziałek Wielkanocny"));
        Assert.Contains(list.Cancelled, c => c is { Kind: "holiday", Title: "TEST Nocna wiosna" } && c.Date == new DateOnly(2026, 4, 5));
        Assert.Equal(4, list.Cancelled.Count(c => c is { Kind: "closure", Reason: "TEST remont" })); // Mon, Tue, Wed and Sunday
        var noEnd = list.Items.First(o => o.Title == "TEST Bez godziny końca");
        Assert.False(noEnd.EndKnown);
        Assert.Equal("2026-04-08 10:30", Local(noEnd.End));
        Assert.True(list.SchedulePublished);
    }

    [Fact]
    public async Task OccurrencesDefaultToTwoWeeksFromToday()
    {
        var list = await app.GetJsonAsync<OccurrenceList>($"/api/clubs/{Term}/occurrences");

        Assert.Equal((new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 23)), (list.From, list.To));
        Assert.Equal("2026-03-10 10:00 TEST Wtorek", $"{Local(list.Items[0].Start)} {list.Items[0].Title}");
        Assert.Equal("2026-03-23 10:00", Local(list.Items[^1].Start));
    }

    [Fact]
    public async Task OccurrencesOnTheClockChangeDaysGiveWallClockAndUtcTimes()
    {
        var spring = await app.GetJsonAsync<OccurrenceList>($"/api/clubs/{Term}/occurrences?from=2026-03-29&to=2026-03-29");
        var autumn = await app.GetJsonAsync<OccurrenceList>($"/api/clubs/{Term}/occurrences?from=2026-10-25&to=2026-10-25");

        var gap = spring.Items.Single(o => o.Title == "TEST Nocna wiosna");
        Assert.Equal(("2026-03-29 03:30", "2026-03-29 04:30"), (Local(gap.Start), Local(gap.End)));
        Assert.Equal((new DateTime(2026, 3, 29, 1, 30, 0, DateTimeKind.Utc), DateTimeKind.Utc), (gap.StartUtc, gap.StartUtc.Kind));
        var spanning = autumn.Items.Single(o => o.Title == "TEST Nocna jesień");
        Assert.Equal(("2026-10-25 01:30", "2026-10-25 03:30"), (Local(spanning.Start), Local(spanning.End)));
        Assert.Equal(TimeSpan.FromHours(3), spanning.EndUtc - spanning.StartUtc);
    }

    [Fact]
    public async Task TheSeedKfkClubsHaveTheirPublishedWeeklySessions()
    {
        var kazimierz = await app.GetJsonAsync<OccurrenceList>("/api/clubs/kfk-kazimierz-krakowska-13/occurrences?from=2026-03-09&to=2026-03-15");
        var malwa = await app.GetJsonAsync<OccurrenceList>("/api/clubs/kfk-malwa-dobrego-pasterza-6/occurrences?from=2026-03-09&to=2026-03-15");

        var monday = Assert.Single(kazimierz.Items);
        Assert.Equal(("2026-03-09 10:00", "2026-03-09 11:00", true), (Local(monday.Start), Local(monday.End), monday.EndKnown));
        Assert.Equal(6, malwa.Items.Count);
        Assert.Equal(2, malwa.Items.Count(o => o.Date == new DateOnly(2026, 3, 10)));
        Assert.All(malwa.Items, o => Assert.Equal(("09:30", false), (o.Start.ToString("HH:mm"), o.EndKnown)));
    }

    [Fact]
    public async Task ClubFiltersFollowTheTimetableAndKeepUnknownApart()
    {
        async Task<List<string>> Slugs(string query) =>
            (await app.GetJsonAsync<ClubList>($"/api/clubs?{query}&limit=1000")).Items.Select(c => c.Slug).ToList();

        var openNow = await Slugs("openNow=true");
        Assert.Contains(Term, openNow);
        Assert.DoesNotContain(ScheduleTestClubs.Suspended, openNow);
        Assert.DoesNotContain(ScheduleTestClubs.Unknown, openNow);
        var closedNow = await Slugs("openNow=false");
        Assert.Contains(ScheduleTestClubs.Suspended, closedNow);
        Assert.DoesNotContain(ScheduleTestClubs.Unknown, closedNow);
        Assert.DoesNotContain(Term, closedNow);

        Assert.Contains(Term, await Slugs("openAt=2026-03-09T10:00"));
        Assert.DoesNotContain(Term, await Slugs("openAt=2026-03-09T11:30"));
        Assert.DoesNotContain(Term, await Slugs("openAt=2026-04-06T10:30"));
        Assert.Contains(Term, await Slugs("openAt=2026-04-06T12:00"));
        Assert.DoesNotContain(Term, await Slugs("openAt=2026-04-21T10:30"));
        Assert.Contains(Term, await Slugs("openAt=2026-03-29T04:00"));
        Assert.Contains(Term, await Slugs("day=3"));
        Assert.DoesNotContain(Term, await Slugs("day=6"));
        Assert.DoesNotContain(ScheduleTestClubs.Suspended, await Slugs("day=2"));

        var all = (await app.GetJsonAsync<ClubList>("/api/clubs?limit=1000")).Items;
        Assert.Null(all.Single(c => c.Slug == ScheduleTestClubs.Unknown).OpenNow);
        var term = all.Single(c => c.Slug == Term);
        Assert.Equal((true, new DateTime(2026, 3, 11, 9, 30, 0)), (term.OpenNow, term.NextOpening));
    }

    [Fact]
    public async Task UpcomingSessionsNearAPointAreSoonestFirstWithTheClubAndWalkingDistance()
    {
        var result = await app.GetJsonAsync<UpcomingResult>($"/api/sessions/upcoming?lat={ScheduleTestClubs.Lat}&lon={ScheduleTestClubs.Lon}&within=P1D&radius=2000");

        Assert.NotEmpty(result.Items);
        Assert.Equal(result.Items.OrderBy(i => i.StartUtc).Select(i => i.StartUtc), result.Items.Select(i => i.StartUtc));
        Assert.All(result.Items, i => Assert.InRange(i.StartUtc, new DateTime(2026, 3, 10, 9, 30, 0, DateTimeKind.Utc), new DateTime(2026, 3, 11, 9, 30, 0, DateTimeKind.Utc)));
        Assert.All(result.Items, i => Assert.InRange(i.DistanceMeters, 0, 2000));
        var wednesday = Assert.Single(result.Items, i => i.Club.Slug == Term);
        Assert.Equal(("2026-03-11 09:30", "TEST Bez godziny końca", 1), (Local(wednesday.Start), wednesday.Title, wednesday.WalkingMinutes));
        Assert.DoesNotContain(result.Items, i => i.Club.Slug == ScheduleTestClubs.Suspended);
        Assert.Equal(1, result.Origin.District?.Number);

        // The Tuesday session began at 10:00, before now: only sessions still to start are "upcoming".
        var soon = await app.GetJsonAsync<UpcomingResult>($"/api/sessions/upcoming?lat={ScheduleTestClubs.Lat}&lon={ScheduleTestClubs.Lon}&within=PT3H");
        Assert.DoesNotContain(soon.Items, i => i.Club.Slug == Term);
    }

    [Theory]
    [InlineData("2026-03-01", "2026-05-31")] // spring change, 29 March, 92 days
    [InlineData("2026-09-01", "2026-11-30")] // autumn change, 25 October
    public async Task TheCalendarFeedParsesBackToTheOccurrencesTheApiReports(string from, string to)
    {
        var api = await app.GetJsonAsync<OccurrenceList>($"/api/clubs/{Term}/occurrences?from={from}&to={to}");
        var calendar = Calendar.Load(await app.CreateClient().GetStringAsync($"/api/clubs/{Term}/calendar.ics"))!;

        var (first, last) = (DateOnly.Parse(from), DateOnly.Parse(to));
        // Single events on the clock-change days are in UTC: compare every start on Warsaw's wall clock.
        var fromFeed = calendar.GetOccurrences(new CalDateTime(first.AddDays(-1)))
            .TakeWhile(o => o.Period.StartTime.Date <= last.AddDays(1))
            .Where(o => DateOnly.FromDateTime(Warsaw.ToLocal(o.Period.StartTime.AsUtc)) is var day && day >= first && day <= last)
            .Select(o => $"{Warsaw.ToLocal(o.Period.StartTime.AsUtc):yyyy-MM-dd HH:mm} {o.Period.StartTime.AsUtc:HH:mm}Z–{o.Period.EffectiveEndTime!.AsUtc:dd HH:mm}Z {((CalendarEvent)o.Source).Summary}")
            .Order(StringComparer.Ordinal).ToList();
        var fromApi = api.Items
            .Select(o => $"{Local(o.Start)} {o.StartUtc:HH:mm}Z–{o.EndUtc:dd HH:mm}Z {api.Name}: {o.Title}")
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(fromApi.Count > 40, $"only {fromApi.Count} occurrences");
        Assert.Equal(fromApi, fromFeed);
    }

    [Fact]
    public async Task TheCalendarFeedIsCacheableWithStableUidsAndTheClubsPlace()
    {
        var client = app.CreateClient();
        var first = await client.GetAsync($"/api/clubs/{Term}/calendar.ics");
        var second = await client.GetAsync($"/api/clubs/{Term}/calendar.ics");
        var text = await first.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(text, await second.Content.ReadAsStringAsync());
        var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/api/clubs/{Term}/calendar.ics");
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);

        var calendar = Calendar.Load(text)!;
        var series = calendar.Events.Where(e => e.RecurrenceRule is not null).ToList();
        Assert.Equal(7, series.Count);
        Assert.Equal(series.Count, series.Select(e => e.Uid).Distinct().Count());
        Assert.Contains("TZID:Europe/Warsaw", text);
        Assert.Contains("BEGIN:VTIMEZONE", text);
        var monday = series.Single(e => e.Summary == $"TEST synthetic club {Term}: TEST Poranek");
        Assert.Equal("Europe/Warsaw", monday.DtStart!.TzId);
        Assert.Equal(FrequencyType.Weekly, monday.RecurrenceRule!.Frequency);
        Assert.Equal(DayOfWeek.Monday, Assert.Single(monday.RecurrenceRule.ByDay).DayOfWeek);
        Assert.Equal(new DateTime(2026, 12, 20, 22, 59, 59, DateTimeKind.Utc), monday.RecurrenceRule.Until!.AsUtc);
        var excluded = monday.ExceptionDates.GetAllDates().Select(d => $"{d.TzId} {d.Value:yyyy-MM-dd HH:mm}").ToList();
        // Easter Monday and the closure are the only Mondays off in the season (2026's other holidays fall on other days).
        Assert.Equal(["Europe/Warsaw 2026-04-06 10:00", "Europe/Warsaw 2026-04-20 10:00"], excluded);
        Assert.Equal("ul. Testowa 1, Kraków", monday.Location);
        Assert.Equal((ScheduleTestClubs.Lat, ScheduleTestClubs.Lon), (monday.GeographicLocation!.Latitude, monday.GeographicLocation.Longitude));
        Assert.Equal($"http://localhost/clubs/{Term}", monday.Url!.ToString());
    }

    [Fact]
    public async Task UidsSurviveAReimportThatRecreatesTheSessions()
    {
        var client = app.CreateClient();
        var before = Calendar.Load(await client.GetStringAsync($"/api/clubs/{Term}/calendar.ics"))!.Events.Select(e => e.Uid).ToHashSet();

        await ScheduleTestClubs.ImportAsync(app, ScheduleTestClubs.TermClub(mondayTitle: "TEST Poranek (nowa nazwa)"));
        await app.WaitForReloadAsync(s => s.BySlug[Term].Club.Sessions.Any(x => x.Title == "TEST Poranek (nowa nazwa)"));
        var after = Calendar.Load(await client.GetStringAsync($"/api/clubs/{Term}/calendar.ics"))!;

        Assert.Equal(before, after.Events.Select(e => e.Uid).ToHashSet());
        Assert.Contains(after.Events, e => e.Summary!.EndsWith("TEST Poranek (nowa nazwa)"));
    }

    [Fact]
    public async Task AClubWithoutSessionsGetsAValidEmptyCalendar()
    {
        var response = await app.CreateClient().GetAsync($"/api/clubs/{ScheduleTestClubs.Unknown}/calendar.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calendar = Calendar.Load(await response.Content.ReadAsStringAsync())!;
        Assert.Empty(calendar.Events);
        Assert.Equal("2.0", calendar.Version);
    }

    [Fact]
    public async Task TheCityCalendarHoldsTheChosenDistrictsAndOperatorsClubs()
    {
        var client = app.CreateClient();
        var districtOne = Calendar.Load(await client.GetStringAsync("/api/calendar.ics?district=I"))!;
        var culture = Calendar.Load(await client.GetStringAsync("/api/calendar.ics?operatorType=culture"))!;
        var everything = Calendar.Load(await client.GetStringAsync("/api/calendar.ics"))!;

        Assert.Contains(districtOne.Events, e => e.Uid!.StartsWith(Term));
        Assert.DoesNotContain(districtOne.Events, e => e.Uid!.StartsWith("kfk-malwa"));
        Assert.DoesNotContain(culture.Events, e => e.Uid!.StartsWith(Term));
        Assert.Contains(culture.Events, e => e.Uid!.StartsWith("kfk-kazimierz-krakowska-13"));
        Assert.Contains(everything.Events, e => e.Uid!.StartsWith("kfk-malwa-dobrego-pasterza-6"));
        Assert.DoesNotContain(everything.Events, e => e.Uid!.StartsWith(ScheduleTestClubs.Suspended));
    }
}
