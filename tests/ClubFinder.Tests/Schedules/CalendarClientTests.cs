using System.Globalization;
using ClubFinder.Api.Schedules;
using ClubFinder.Tests.Infrastructure;

namespace ClubFinder.Tests.Schedules;

/// <summary>
/// The calendar feed as an independent client reads it: Mozilla's ical.js (Thunderbird's parser)
/// expands the synthetic term club's feed, whose night sessions fall in the spring gap and the
/// repeated autumn hour, and must find exactly the instants /occurrences reports.
/// </summary>
[Collection(AppCollection.Name)]
public class CalendarClientTests(ClubFinderApp app) : IAsyncLifetime
{
    const string IcalJsVersion = "2.2.1";

    // Prints every instance of every series (overrides applied) as "startUtc endUtc summary".
    const string ExpandScript = """
        import ICAL from 'ical.js';
        import { readFileSync } from 'node:fs';
        const [file, until] = process.argv.slice(2);
        const root = new ICAL.Component(ICAL.parse(readFileSync(file, 'utf8')));
        for (const zone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
        const events = root.getAllSubcomponents('vevent').map(c => new ICAL.Event(c));
        const series = events.filter(e => !e.isRecurrenceException());
        for (const e of events.filter(e => e.isRecurrenceException())) series.find(s => s.uid === e.uid).relateException(e);
        const limit = ICAL.Time.fromDateTimeString(until);
        for (const s of series) {
          const it = s.iterator();
          for (let next = it.next(); next && next.compare(limit) <= 0; next = it.next()) {
            const o = s.getOccurrenceDetails(next);
            console.log(`${o.startDate.toJSDate().toISOString()} ${o.endDate.toJSDate().toISOString()} ${o.item.summary}`);
          }
        }
        """;

    public async Task InitializeAsync()
    {
        app.Clock.SetUtcNow(ClubFinderApp.DefaultNow.ToUniversalTime());
        await ScheduleTestClubs.CreateAllAsync(app);
    }

    public Task DisposeAsync() => ScheduleTestClubs.DeleteAllAsync(app);

    [NodeFact]
    public async Task IcalJsExpandsTheFeedToTheApisOccurrencesAcrossBothClockChanges()
    {
        // The API answers at most 92 days at a time: March–May holds the spring change, September–November the autumn one.
        string[][] ranges = [["2026-03-01", "2026-05-31"], ["2026-09-01", "2026-11-30"]];
        var fromApi = new List<string>();
        foreach (var range in ranges)
        {
            var api = await app.GetJsonAsync<OccurrenceList>($"/api/clubs/{ScheduleTestClubs.Term}/occurrences?from={range[0]}&to={range[1]}");
            fromApi.AddRange(api.Items.Select(o => $"{o.StartUtc:yyyy-MM-dd HH:mm}Z–{o.EndUtc:yyyy-MM-dd HH:mm}Z {api.Name}: {o.Title}"));
        }
        fromApi.Sort(StringComparer.Ordinal);
        var feed = await app.CreateClient().GetStringAsync($"/api/clubs/{ScheduleTestClubs.Term}/calendar.ics");

        var folder = await NodeTools.InstallAsync("ical.js", IcalJsVersion);
        var script = Path.Combine(folder, "expand-ics.mjs");
        await File.WriteAllTextAsync(script, ExpandScript);
        var file = Path.Combine(folder, $"feed-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, feed);
        var (exit, output) = await NodeAsync(folder, script, file);
        File.Delete(file);
        Assert.True(exit == 0, output);

        bool InRanges(DateOnly day) => ranges.Any(r => day >= DateOnly.Parse(r[0], CultureInfo.InvariantCulture) && day <= DateOnly.Parse(r[1], CultureInfo.InvariantCulture));
        var fromIcalJs = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 3))
            .Select(p => (Start: DateTime.Parse(p[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), End: DateTime.Parse(p[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), Summary: p[2]))
            .Where(o => InRanges(DateOnly.FromDateTime(Warsaw.ToLocal(o.Start))))
            .Select(o => $"{o.Start:yyyy-MM-dd HH:mm}Z–{o.End:yyyy-MM-dd HH:mm}Z {o.Summary}")
            .Order(StringComparer.Ordinal).ToList();

        // Both clock changes are in the range, with the night sessions the API moves or stretches.
        Assert.Contains(fromApi, o => o.StartsWith("2026-03-29 01:30Z–2026-03-29 02:30Z", StringComparison.Ordinal));
        Assert.Contains(fromApi, o => o.StartsWith("2026-10-24 23:30Z–2026-10-25 02:30Z", StringComparison.Ordinal));
        Assert.True(fromApi.Count > 80, $"only {fromApi.Count} occurrences");
        Assert.Equal(fromApi, fromIcalJs);
    }

    static Task<(int Exit, string Output)> NodeAsync(string folder, string script, string file) =>
        NodeTools.NodeAsync(folder, [script, file, "2026-12-31T23:59:59"]);
}
