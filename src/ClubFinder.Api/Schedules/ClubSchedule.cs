using ClubFinder.Api.Clubs;

namespace ClubFinder.Api.Schedules;

/// <summary>Local (Europe/Warsaw) wall-clock time.</summary>
public static class Warsaw
{
    public const string TimeZoneId = "Europe/Warsaw";
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static DateTime Now(TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime;

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Now(clock));

    /// <summary>
    /// The instant a wall-clock time means, by the rule of RFC 5545 §3.3.5 so that the API and every
    /// calendar app agree: a time in the spring gap (02:00–02:59 on the last Sunday of March) is read
    /// with the offset before the gap, i.e. moved an hour later (02:30 → 03:30 CEST); a time that occurs
    /// twice (02:00–02:59 on the last Sunday of October) is the first of the two, still in summer time.
    /// </summary>
    public static DateTimeOffset Resolve(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = Zone.IsInvalidTime(local) ? Zone.GetUtcOffset(local.AddDays(-1))
            : Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>False for a wall-clock time in the spring gap or the repeated autumn hour.</summary>
    public static bool IsUnambiguous(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return !Zone.IsInvalidTime(local) && !Zone.IsAmbiguousTime(local);
    }

    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
}

/// <summary>One dated session. Local times are Europe/Warsaw wall-clock; Start/End are the instants.</summary>
public sealed record Occurrence(Session Session, DateOnly Date, DateTime LocalStart, DateTime LocalEnd,
    DateTimeOffset Start, DateTimeOffset End)
{
    public bool EndKnown => Session.EndsAt is not null;
}

/// <summary>A date on which a weekly session would run but does not.</summary>
public sealed record Cancellation(Session Session, DateOnly Date, string Kind, string Reason)
{
    public const string Holiday = "holiday";
    public const string Closure = "closure";
}

/// <summary>
/// When a club is open. The rules, in order:
/// <list type="number">
/// <item>a club that is suspended or closed has no occurrences and is never open;</item>
/// <item>a club with no sessions publishes no schedule: "open" is unknown (null), not false;</item>
/// <item>a weekly session runs on its ISO weekday within its own ValidFrom/ValidTo where set, else
/// within the club's season; both bounds inclusive, a missing bound is open-ended;</item>
/// <item>closures (inclusive date ranges) cancel every session on their days;</item>
/// <item>Polish public holidays cancel sessions, except a session that explicitly covers the day: one
/// whose own dates are both set, include the holiday and span at most a week (a one-off session
/// entered on purpose, not a term-long timetable that happens to contain the holiday);</item>
/// <item>a session without a published end counts as <see cref="AssumedLength"/> (one hour) from its start,
/// for "open now", occurrences and the calendar feeds alike;</item>
/// <item>times are wall-clock times resolved by <see cref="Warsaw.Resolve"/>; if a start moved by the spring
/// gap would fall on or after the end, the session keeps its published length from the moved start.</item>
/// </list>
/// </summary>
public static class ClubSchedule
{
    public static readonly TimeSpan AssumedLength = TimeSpan.FromHours(1);

    /// <summary>Longest own date range of a session that still counts as explicitly covering a holiday.</summary>
    public const int HolidayExceptionMaxDays = 7;

    /// <summary>Null when the club publishes no schedule: unknown, not closed. Open from the start, closed at the end.</summary>
    public static bool? IsOpenAt(Club club, DateTime local)
    {
        if (club.Status != ClubStatus.Active) return false;
        if (club.Sessions.Count == 0) return null;
        var instant = Warsaw.Resolve(local);
        var date = DateOnly.FromDateTime(local);
        return Occurrences(club, date.AddDays(-1), date).Any(o => o.Start <= instant && instant < o.End);
    }

    /// <summary>The local start of the next session at or after <paramref name="local"/>, looking 92 days ahead.</summary>
    public static DateTime? NextOpening(Club club, DateTime local)
    {
        if (club.Status != ClubStatus.Active || club.Sessions.Count == 0) return null;
        var instant = Warsaw.Resolve(local);
        var today = DateOnly.FromDateTime(local);
        var lastPossible = club.Sessions.Select(s => ValidityOf(club, s).To ?? DateOnly.MaxValue).Max();
        var horizon = today.AddDays(92) < lastPossible ? today.AddDays(92) : lastPossible;
        // A week at a time: the next session is nearly always in the first one.
        for (var from = today; from <= horizon; from = from.AddDays(7))
        {
            var to = from.AddDays(6) < horizon ? from.AddDays(6) : horizon;
            var next = Occurrences(club, from, to).FirstOrDefault(o => o.Start >= instant);
            if (next is not null) return next.LocalStart;
        }
        return null;
    }

    /// <summary>The club is active and has a weekly session on this ISO weekday.</summary>
    public static bool HasSessionOn(Club club, int weekday) =>
        club.Status == ClubStatus.Active && club.Sessions.Any(s => s.Weekday == weekday);

    /// <summary>Every session that takes place between the two dates (inclusive), soonest first.</summary>
    public static IReadOnlyList<Occurrence> Occurrences(Club club, DateOnly from, DateOnly to)
    {
        var occurrences = new List<Occurrence>();
        if (club.Status != ClubStatus.Active || to < from) return occurrences;
        var closed = ClosedDays.Of(club, from, to);
        foreach (var session in club.Sessions)
            foreach (var date in ScheduledDates(club, session, from, to))
                if (CancellationOn(club, session, date, closed) is null)
                    occurrences.Add(Occur(session, date));
        return occurrences.OrderBy(o => o.Start).ThenBy(o => o.End).ThenBy(o => o.Session.Title, StringComparer.Ordinal).ToList();
    }

    /// <summary>Dates between the two (inclusive) on which a weekly session is cancelled by a closure or holiday.</summary>
    public static IReadOnlyList<Cancellation> Cancellations(Club club, Session session, DateOnly from, DateOnly to)
    {
        var cancelled = new List<Cancellation>();
        if (club.Status != ClubStatus.Active || to < from) return cancelled;
        var closed = ClosedDays.Of(club, from, to);
        foreach (var date in ScheduledDates(club, session, from, to))
            if (CancellationOn(club, session, date, closed) is { } reason)
                cancelled.Add(reason);
        return cancelled;
    }

    /// <summary>The session's weekdays between the two dates within its validity, stepping a week at a time.</summary>
    static IEnumerable<DateOnly> ScheduledDates(Club club, Session session, DateOnly from, DateOnly to)
    {
        if (session.Weekday is < 1 or > 7) yield break;
        var (validFrom, validTo) = ValidityOf(club, session);
        if (validFrom > from) from = validFrom.Value;
        if (validTo < to) to = validTo.Value;
        if (to < from) yield break;
        var offset = (session.Weekday - IsoWeekday(from) + 7) % 7;
        if (to.DayNumber - from.DayNumber < offset) yield break;
        for (var date = from.AddDays(offset); ; date = date.AddDays(7))
        {
            yield return date;
            if (to.DayNumber - date.DayNumber < 7) yield break;
        }
    }

    /// <summary>The session's own dates where set, else the club's season; null bounds are open-ended.</summary>
    public static (DateOnly? From, DateOnly? To) ValidityOf(Club club, Session session) =>
        (session.ValidFrom ?? club.ValidFrom, session.ValidTo ?? club.ValidTo);

    public static Cancellation? CancellationOn(Club club, Session session, DateOnly date) =>
        CancellationOn(club, session, date, ClosedDays.Of(club, date, date));

    static Cancellation? CancellationOn(Club club, Session session, DateOnly date, ClosedDays closed)
    {
        if (closed.On(date) is { } closure)
            return new Cancellation(session, date, Cancellation.Closure, string.IsNullOrWhiteSpace(closure.Reason) ? "Klub nieczynny" : closure.Reason);
        if (PolishHolidays.NameOf(date) is { } holiday && !CoversHolidayExplicitly(session, date))
            return new Cancellation(session, date, Cancellation.Holiday, holiday);
        return null;
    }

    /// <summary>
    /// The closure in force on each day of a range (the earliest-starting one where several overlap),
    /// built once per range so that many sessions and closures cost their sum, not their product.
    /// </summary>
    sealed class ClosedDays
    {
        readonly DateOnly from;
        readonly Closure?[] days;

        ClosedDays(DateOnly from, Closure?[] days) => (this.from, this.days) = (from, days);

        public static ClosedDays Of(Club club, DateOnly from, DateOnly to)
        {
            var days = new Closure?[to < from ? 0 : to.DayNumber - from.DayNumber + 1];
            if (days.Length == 0 || club.Closures.Count == 0) return new ClosedDays(from, days);
            foreach (var closure in club.Closures.Where(c => c.FromDate <= to && c.ToDate >= from).OrderBy(c => c.FromDate))
            {
                var first = Math.Max(closure.FromDate.DayNumber, from.DayNumber) - from.DayNumber;
                var last = Math.Min(closure.ToDate.DayNumber, to.DayNumber) - from.DayNumber;
                for (var i = first; i <= last; i++) days[i] ??= closure;
            }
            return new ClosedDays(from, days);
        }

        public Closure? On(DateOnly date)
        {
            var i = date.DayNumber - from.DayNumber;
            return i >= 0 && i < days.Length ? days[i] : null;
        }
    }

    static bool CoversHolidayExplicitly(Session session, DateOnly date) =>
        session is { ValidFrom: { } from, ValidTo: { } to }
        && from <= date && date <= to
        && to.DayNumber - from.DayNumber < HolidayExceptionMaxDays;

    public static int IsoWeekday(DateOnly date) => date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;

    static Occurrence Occur(Session session, DateOnly date)
    {
        var start = Warsaw.Resolve(date.ToDateTime(session.StartsAt));
        var end = start + AssumedLength;
        if (session.EndsAt is { } endsAt)
        {
            end = Warsaw.Resolve(date.ToDateTime(endsAt));
            if (end <= start) end = start + (endsAt - session.StartsAt);
        }
        return new Occurrence(session, date, Warsaw.ToLocal(start), Warsaw.ToLocal(end), start, end);
    }
}
