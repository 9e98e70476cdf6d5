using ClubFinder.Api.Clubs;

namespace ClubFinder.Api.Schedules;

/// <summary>
/// One dated session. <c>Start</c>/<c>End</c> are Europe/Warsaw wall-clock times, <c>StartUtc</c>/<c>EndUtc</c>
/// the same instants in UTC; when <c>EndKnown</c> is false the end is the assumed one hour after the start.
/// </summary>
public record OccurrenceInfo(DateOnly Date, int Weekday, DateTime Start, DateTime End, DateTime StartUtc, DateTime EndUtc,
    bool EndKnown, string? Title, string? Audience, bool? RegistrationRequired);

/// <summary>A weekly session that does not take place on a date: <c>Kind</c> is holiday or closure.</summary>
public record CancellationInfo(DateOnly Date, string StartsAt, string? Title, string Kind, string Reason);

/// <summary>
/// A club's sessions in a date range. <c>SchedulePublished</c> false means the club gives no timetable
/// (an empty list is then "unknown", not "closed").
/// </summary>
public record OccurrenceList(string Slug, string Name, string Status, bool SchedulePublished, DateOnly From, DateOnly To,
    IReadOnlyList<OccurrenceInfo> Items, IReadOnlyList<CancellationInfo> Cancelled);

public record UpcomingSession(DateTime Start, DateTime End, DateTime StartUtc, DateTime EndUtc, bool EndKnown,
    string? Title, string? Audience, bool? RegistrationRequired, ClubSummary Club, double DistanceMeters, int WalkingMinutes);

/// <summary>Sessions starting between <c>From</c> and <c>To</c> (local times), soonest first.</summary>
public record UpcomingResult(Origin Origin, DateTime From, DateTime To, double RadiusMeters, IReadOnlyList<UpcomingSession> Items);

public static class ScheduleMapping
{
    public static OccurrenceInfo ToInfo(this Occurrence o) => new(
        o.Date, o.Session.Weekday, o.LocalStart, o.LocalEnd, o.Start.UtcDateTime, o.End.UtcDateTime, o.EndKnown,
        o.Session.Title, o.Session.Audience, o.Session.RegistrationRequired);

    public static CancellationInfo ToInfo(this Cancellation c) =>
        new(c.Date, c.Session.StartsAt.ToString("HH:mm"), c.Session.Title, c.Kind, c.Reason);
}
