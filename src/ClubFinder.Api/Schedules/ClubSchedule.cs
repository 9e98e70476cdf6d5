using ClubFinder.Api.Clubs;

namespace ClubFinder.Api.Schedules;

/// <summary>Local (Europe/Warsaw) wall-clock time.</summary>
public static class Warsaw
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Warsaw");

    public static DateTime Now(TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime;
}

/// <summary>When a club is open, from its weekly sessions, season and closures.</summary>
public static class ClubSchedule
{
    /// <summary>Null when the club publishes no schedule: unknown, not closed.</summary>
    public static bool? IsOpenAt(Club club, DateTime local)
    {
        if (club.Sessions.Count == 0) return null;
        if (club.Status != ClubStatus.Active) return false;
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        return SessionsOn(club, date).Any(s => s.StartsAt <= time && time < (s.EndsAt ?? s.StartsAt.AddHours(1)));
    }

    /// <summary>The start of the next session at or after <paramref name="local"/>, looking 92 days ahead.</summary>
    public static DateTime? NextOpening(Club club, DateTime local)
    {
        if (club.Sessions.Count == 0 || club.Status != ClubStatus.Active) return null;
        var today = DateOnly.FromDateTime(local);
        for (var date = today; date <= today.AddDays(92); date = date.AddDays(1))
        {
            var start = SessionsOn(club, date)
                .Select(s => date.ToDateTime(s.StartsAt))
                .Where(t => t >= local)
                .DefaultIfEmpty()
                .Min();
            if (start != default) return start;
        }
        return null;
    }

    public static bool HasSessionOn(Club club, int weekday) =>
        club.Status == ClubStatus.Active && club.Sessions.Any(s => s.Weekday == weekday);

    static IEnumerable<Session> SessionsOn(Club club, DateOnly date)
    {
        if (club.ValidFrom > date || club.ValidTo < date) return [];
        if (club.Closures.Any(c => c.FromDate <= date && date <= c.ToDate)) return [];
        var weekday = date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;
        return club.Sessions.Where(s => s.Weekday == weekday && !(s.ValidFrom > date) && !(s.ValidTo < date));
    }
}
