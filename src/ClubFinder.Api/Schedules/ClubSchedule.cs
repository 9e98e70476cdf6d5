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
        for (var date = today; date <= today.AddDays(92) && date <= lastPossible; date = date.AddDays(1))
        {
            var next = Occurrences(club, date, date).FirstOrDefault(o => o.Start >= instant);
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
        if (club.Status != ClubStatus.Active) return occurrences;
        for (var date = from; date <= to; date = date.AddDays(1))
            foreach (var session in club.Sessions)
                if (IsScheduledOn(club, session, date) && CancellationOn(club, session, date) is null)
                    occurrences.Add(Occur(session, date));
        return occurrences.OrderBy(o => o.Start).ThenBy(o => o.End).ThenBy(o => o.Session.Title, StringComparer.Ordinal).ToList();
    }

    /// <summary>Dates between the two (inclusive) on which a weekly session is cancelled by a closure or holiday.</summary>
    public static IReadOnlyList<Cancellation> Cancellations(Club club, Session session, DateOnly from, DateOnly to)
    {
        var cancelled = new List<Cancellation>();
        if (club.Status != ClubStatus.Active) return cancelled;
        for (var date = from; date <= to; date = date.AddDays(1))
            if (IsScheduledOn(club, session, date) && CancellationOn(club, session, date) is { } reason)
                cancelled.Add(reason);
        return cancelled;
    }

    /// <summary>The session's own dates where set, else the club's season; null bounds are open-ended.</summary>
    public static (DateOnly? From, DateOnly? To) ValidityOf(Club club, Session session) =>
        (session.ValidFrom ?? club.ValidFrom, session.ValidTo ?? club.ValidTo);

    /// <summary>The weekday matches and the date lies within the session's validity (before closures and holidays).</summary>
    public static bool IsScheduledOn(Club club, Session session, DateOnly date)
    {
        if (IsoWeekday(date) != session.Weekday) return false;
        var (validFrom, validTo) = ValidityOf(club, session);
        return !(validFrom > date) && !(validTo < date);
    }

    public static Cancellation? CancellationOn(Club club, Session session, DateOnly date)
    {
        var closure = club.Closures.Where(c => c.FromDate <= date && date <= c.ToDate).OrderBy(c => c.FromDate).FirstOrDefault();
        if (closure is not null)
            return new Cancellation(session, date, Cancellation.Closure, string.IsNullOrWhiteSpace(closure.Reason) ? "Klub nieczynny" : closure.Reason);
        if (PolishHolidays.NameOf(date) is { } holiday && !CoversHolidayExplicitly(session, date))
            return new Cancellation(session, date, Cancellation.Holiday, holiday);
        return null;
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
