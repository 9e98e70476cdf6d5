using System.Text;
using ClubFinder.Api.Clubs;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace ClubFinder.Api.Schedules;

/// <summary>
/// iCalendar (RFC 5545) feeds: one VEVENT per weekly session with an RRULE over the feed window,
/// EXDATEs for holidays and closures, and a single event in UTC for a date the clock change
/// moves, lengthens or shortens, so calendar apps show exactly the occurrences the API reports.
/// </summary>
public static class ScheduleCalendar
{
    /// <summary>Recent weeks stay visible in a subscribed calendar; older ones are dropped.</summary>
    public const int PastDays = 28;
    /// <summary>Open-ended timetables are published a year ahead; subscriptions roll the window on.</summary>
    public const int FutureDays = 365;

    public static byte[] Write(IEnumerable<DirectoryClub> clubs, string name, string siteUrl, DateOnly today, DateTimeOffset stamp,
        CancellationToken ct = default)
    {
        var windowFrom = today.AddDays(-PastDays);
        var windowTo = today.AddDays(FutureDays);
        var calendar = new Calendar { ProductId = "-//ClubFinder//Kluby Rodzicow Krakow//PL", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", Warsaw.TimeZoneId);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT12H");
        var refresh = new CalendarProperty("REFRESH-INTERVAL", "PT12H");
        refresh.AddParameter("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        // Transitions from a year before the window, so every DTSTART in it falls inside the VTIMEZONE's rules.
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(Warsaw.TimeZoneId, new DateTime(windowFrom.Year - 1, 1, 1), includeHistoricalData: false));
        var dtStamp = new CalDateTime(new DateTime(stamp.UtcTicks - stamp.UtcTicks % TimeSpan.TicksPerSecond, DateTimeKind.Utc), CalDateTime.UtcTzId);

        foreach (var entry in clubs)
        {
            ct.ThrowIfCancellationRequested();
            var club = entry.Club;
            var uids = new Dictionary<string, int>(StringComparer.Ordinal);
            // Once per club, not once per session: a session occurs only within its own validity.
            var bySession = ClubSchedule.Occurrences(club, windowFrom, windowTo).ToLookup(o => o.Session);
            foreach (var session in club.Sessions.OrderBy(s => s.Weekday).ThenBy(s => s.StartsAt).ThenBy(s => s.Id))
            {
                ct.ThrowIfCancellationRequested();
                var (validFrom, validTo) = ClubSchedule.ValidityOf(club, session);
                var first = validFrom > windowFrom ? validFrom.Value : windowFrom;
                var last = validTo < windowTo ? validTo.Value : windowTo;
                var occurrences = bySession[session].ToList();
                if (occurrences.Count == 0) continue;
                var firstDate = first.AddDays((session.Weekday - ClubSchedule.IsoWeekday(first) + 7) % 7);

                // Stable across re-imports (which recreate session rows): club, weekday and start, not the row id.
                var key = $"{club.Slug}-{session.Weekday}-{session.StartsAt:HHmm}";
                var n = uids[key] = uids.GetValueOrDefault(key) + 1;
                var stem = $"{key}{(n > 1 ? $"-{n}" : "")}";
                var uid = $"{stem}@clubfinder";

                var series = Describe(new CalendarEvent(), entry, session, uid, siteUrl, dtStamp);
                series.DtStart = new CalDateTime(firstDate, session.StartsAt, Warsaw.TimeZoneId);
                var length = Length(session);
                series.Duration = Duration.FromMinutes((int)length.TotalMinutes);
                var rule = new RecurrenceRule(FrequencyType.Weekly)
                {
                    Until = new CalDateTime(Warsaw.Resolve(last.ToDateTime(new TimeOnly(23, 59, 59))).UtcDateTime, CalDateTime.UtcTzId),
                };
                rule.ByDay.Add(new WeekDay(firstDate.DayOfWeek));
                series.RecurrenceRule = rule;
                foreach (var cancelled in ClubSchedule.Cancellations(club, session, firstDate, last))
                    series.ExceptionDates.Add(new CalDateTime(cancelled.Date, session.StartsAt, Warsaw.TimeZoneId));
                calendar.Events.Add(series);

                // Calendar apps give every instance the series' exact duration, and read a wall-clock time in the
                // spring gap or the repeated autumn hour each their own way (ical.js and Ical.Net even match a
                // RECURRENCE-ID there differently). So a date the clock change moves, lengthens or shortens leaves
                // the series and is published as its own event with start and end in UTC, which all clients agree on.
                foreach (var o in occurrences.Where(o => o.End - o.Start != length || !Warsaw.IsUnambiguous(o.Date.ToDateTime(session.StartsAt))
                    || !Warsaw.IsUnambiguous(o.Date.ToDateTime(session.StartsAt.Add(length)))))
                {
                    series.ExceptionDates.Add(new CalDateTime(o.Date, session.StartsAt, Warsaw.TimeZoneId));
                    var single = Describe(new CalendarEvent(), entry, session, $"{stem}-{o.Date:yyyyMMdd}@clubfinder", siteUrl, dtStamp);
                    single.DtStart = new CalDateTime(o.Start.UtcDateTime, CalDateTime.UtcTzId);
                    single.DtEnd = new CalDateTime(o.End.UtcDateTime, CalDateTime.UtcTzId);
                    calendar.Events.Add(single);
                }
            }
        }
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar)!);
    }

    /// <summary>The published length, or the assumed hour when only the start is known.</summary>
    static TimeSpan Length(Session session) =>
        session.EndsAt is { } end ? end - session.StartsAt : ClubSchedule.AssumedLength;

    static CalendarEvent Describe(CalendarEvent e, DirectoryClub entry, Session session, string uid, string siteUrl, CalDateTime stamp)
    {
        var club = entry.Club;
        var url = $"{siteUrl}/clubs/{Uri.EscapeDataString(club.Slug)}";
        e.Uid = uid;
        e.DtStamp = stamp;
        e.Summary = string.IsNullOrWhiteSpace(session.Title) ? club.Name : $"{club.Name}: {session.Title}";
        e.Location = ClubMapping.AddressLabel(club.Street, club.HouseNumber, club.Postcode);
        e.GeographicLocation = new GeographicLocation(Math.Round(entry.Lat, 6), Math.Round(entry.Lon, 6));
        e.Url = new Uri(url);
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(session.Audience)) lines.Add($"Dla / For: {session.Audience}");
        if ((session.RegistrationRequired ?? club.RegistrationRequired) is { } registration)
            lines.Add(registration ? "Wymagane zapisy / Registration required" : "Bez zapisów / No registration needed");
        if (session.EndsAt is null)
            lines.Add("Godzina zakończenia nie została podana, w kalendarzu przyjęto 1 godzinę. / End time not published; shown as one hour.");
        lines.Add($"Prowadzi / Run by: {club.Organization.Name}");
        lines.Add(url);
        e.Description = string.Join("\n", lines);
        return e;
    }
}
