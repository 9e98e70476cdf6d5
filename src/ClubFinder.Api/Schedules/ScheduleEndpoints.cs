using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClubFinder.Api.Schedules;

public static partial class ScheduleEndpoints
{
    public const int MaxRangeDays = 92;
    public const int DefaultRangeDays = 14;
    /// <summary>A feed of more clubs takes seconds and hundreds of megabytes to write, and no calendar app shows it usefully.</summary>
    public const int MaxClubsPerFeed = 1000;
    public static readonly TimeSpan MaxWithin = TimeSpan.FromDays(7);
    /// <summary>Feeds change at most when the data does; calendar apps poll them every few hours anyway.</summary>
    const int CalendarMaxAgeSeconds = 900;
    const string CalendarContentType = "text/calendar; charset=utf-8";

    public static RouteGroupBuilder MapSchedules(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Schedules");

        api.MapGet("/clubs/{slug}/occurrences", GetOccurrences).WithName("ClubOccurrences").WithConditionalGet()
            .WithSummary("A club's dated sessions in a range of up to 92 days, with holidays and closures removed (and listed).");
        api.MapGet("/sessions/upcoming", Upcoming).WithName("UpcomingSessions").WithConditionalGet()
            .WithSummary("Sessions starting soon near a point, soonest first, with the club and walking distance.");
        api.MapGet("/clubs/{slug}/calendar.ics", ClubCalendar).WithName("ClubCalendar").WithConditionalGet(CalendarMaxAgeSeconds)
            .RequireRateLimiting(RequestLimits.Expensive)
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithSummary("One club's weekly sessions as an iCalendar feed (subscribe with webcal://).");
        api.MapGet("/calendar.ics", AllCalendar).WithName("Calendar").WithConditionalGet(CalendarMaxAgeSeconds)
            .RequireRateLimiting(RequestLimits.Expensive)
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .WithSummary("The sessions of all listed clubs, optionally of one district or operator type, as an iCalendar feed.");
        return api;
    }

    /// <summary>Dated sessions of one club.</summary>
    /// <param name="slug">The club's identifier, e.g. kfk-malwa-dobrego-pasterza-6.</param>
    /// <param name="from">First day, yyyy-MM-dd (default: today in Kraków).</param>
    /// <param name="to">Last day, inclusive, yyyy-MM-dd (default: 13 days after from); at most 92 days in all.</param>
    public static Results<Ok<OccurrenceList>, ValidationProblem, ProblemHttpResult> GetOccurrences(
        string slug, ClubDirectory directory, TimeProvider clock, CancellationToken ct, string? from = null, string? to = null)
    {
        if (Find(directory, slug) is not { } entry) return NotFound(slug);
        var errors = new QueryErrors();
        var range = ParseRange(errors, from, to, Warsaw.Today(clock));
        if (errors.Any) return errors.ToProblem();

        var (first, last) = range!.Value;
        var club = entry.Club;
        ct.ThrowIfCancellationRequested();
        var occurrences = ClubSchedule.Occurrences(club, first, last).Select(o => o.ToInfo()).ToList();
        var cancelled = club.Sessions
            .SelectMany(s =>
            {
                ct.ThrowIfCancellationRequested();
                return ClubSchedule.Cancellations(club, s, first, last);
            })
            .OrderBy(c => c.Date).ThenBy(c => c.Session.StartsAt)
            .Select(c => c.ToInfo()).ToList();
        return TypedResults.Ok(new OccurrenceList(club.Slug, club.Name, club.Status, club.Sessions.Count > 0, first, last, occurrences, cancelled));
    }

    /// <summary>Sessions starting soon near a point.</summary>
    /// <param name="lat">Latitude of the point (WGS84).</param>
    /// <param name="lon">Longitude of the point (WGS84).</param>
    /// <param name="within">How far ahead, an ISO 8601 duration such as PT3H (default), PT90M or P1D; at most P7D.</param>
    /// <param name="radius">Only clubs within this many metres, 1–50000 (default 3000).</param>
    public static Results<Ok<UpcomingResult>, ValidationProblem> Upcoming(
        ClubDirectory directory, TimeProvider clock, CancellationToken ct,
        string? lat = null, string? lon = null, string? within = null, string? radius = null)
    {
        var errors = new QueryErrors();
        var point = errors.Point(lat, lon);
        var span = ParseDuration(errors, within, "within") ?? TimeSpan.FromHours(3);
        var meters = errors.Number(radius, "radius", 1, 50_000, "radius in metres") ?? 3000;
        if (errors.Any) return errors.ToProblem();

        var (originLat, originLon) = point!.Value;
        var snapshot = directory.Current;
        // To the minute: the answer (and its ETag) stays the same for the whole minute.
        var now = clock.GetUtcNow();
        now = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMinute));
        var until = now + span;
        var (nowLocal, untilLocal) = (Warsaw.ToLocal(now), Warsaw.ToLocal(until));
        var summaries = new Dictionary<DirectoryClub, ClubSummary>(ReferenceEqualityComparer.Instance);
        var items = UpcomingIndex.For(snapshot, nowLocal).Starting(now, until, originLat, originLon, meters)
            .Select(x =>
            {
                ct.ThrowIfCancellationRequested();
                if (!summaries.TryGetValue(x.Club, out var summary)) summaries[x.Club] = summary = x.Club.ToSummary(nowLocal);
                return (x.Occurrence, Summary: summary, x.Distance);
            })
            .OrderBy(x => x.Occurrence.Start).ThenBy(x => x.Distance).ThenBy(x => x.Summary.Name, StringComparer.Ordinal)
            .Select(x => new UpcomingSession(x.Occurrence.LocalStart, x.Occurrence.LocalEnd, x.Occurrence.Start.UtcDateTime,
                x.Occurrence.End.UtcDateTime, x.Occurrence.EndKnown, x.Occurrence.Session.Title, x.Occurrence.Session.Audience,
                x.Occurrence.Session.RegistrationRequired, x.Summary, Math.Round(x.Distance, 1), Geo.WalkingMinutes(x.Distance)))
            .ToList();
        var district = snapshot.DistrictAt(originLat, originLon)?.District;
        var origin = new Origin(originLat, originLon, district is null ? null : new DistrictRef(district.Number, district.Name));
        return TypedResults.Ok(new UpcomingResult(origin, nowLocal, untilLocal, meters, items));
    }

    /// <summary>One club's calendar feed.</summary>
    /// <param name="slug">The club's identifier, e.g. kfk-malwa-dobrego-pasterza-6.</param>
    public static Results<BytesResult, ProblemHttpResult> ClubCalendar(
        string slug, HttpRequest request, ClubDirectory directory, TimeProvider clock, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (Find(directory, slug) is not { } entry) return NotFound(slug);
        var (site, today) = (SiteUrl(request), Warsaw.Today(clock));
        return new BytesResult(CalendarFeeds.GetOrAdd(directory.Current, $"{site} {today} club {entry.Club.Slug}",
            () => ScheduleCalendar.Write([entry], entry.Club.Name, site, today, StampOf(directory, clock), ct)), CalendarContentType);
    }

    /// <summary>A calendar feed of many clubs.</summary>
    /// <param name="district">District number 1–18 or Roman numeral I–XVIII.</param>
    /// <param name="operatorType">ngo, culture, mops, city or other.</param>
    public static Results<BytesResult, ValidationProblem, ProblemHttpResult> AllCalendar(
        HttpRequest request, ClubDirectory directory, TimeProvider clock, CancellationToken ct,
        string? district = null, string? operatorType = null)
    {
        ct.ThrowIfCancellationRequested();
        var snapshot = directory.Current;
        var query = ClubQuery.Parse(snapshot, district, operatorType, null, null, null, null, null, null, out var errors, out var notFound);
        if (errors.Any) return errors.ToProblem();
        if (notFound is not null) return notFound;

        var name = "Kluby Rodziców w Krakowie";
        if (query!.District is { } number && snapshot.District(number) is { } d) name += $" – {d.District.Roman} {d.District.Name}";
        if (query.OperatorType is { } type) name += $" ({type})";
        var clubs = query.Apply(snapshot, Warsaw.Now(clock)).ToList();
        if (clubs.Count > MaxClubsPerFeed)
        {
            errors.Add(query.District is null ? "district" : "operatorType",
                $"This feed would hold {clubs.Count} clubs; one calendar holds at most {MaxClubsPerFeed}. Choose a district or an operator type (or both). / " +
                $"Ten kalendarz objąłby {clubs.Count} klubów, a jeden może mieć najwyżej {MaxClubsPerFeed}: wybierz dzielnicę lub rodzaj prowadzącego.");
            return errors.ToProblem();
        }
        var (site, today) = (SiteUrl(request), Warsaw.Today(clock));
        return new BytesResult(CalendarFeeds.GetOrAdd(snapshot, $"{site} {today} all {query.District} {query.OperatorType}",
            () => ScheduleCalendar.Write(clubs, name, site, today, StampOf(directory, clock), ct)), CalendarContentType);
    }

    static DirectoryClub? Find(ClubDirectory directory, string slug) =>
        slug.Length <= QueryErrors.MaxTextLength && directory.Current.BySlug.TryGetValue(slug, out var entry) ? entry : null;

    static ProblemHttpResult NotFound(string slug) =>
        Problems.NotFound($"No club '{(slug.Length > 60 ? slug[..60] + "…" : slug)}'. / Nie ma takiego klubu.");

    static string SiteUrl(HttpRequest request) => PublicUrls.SiteUrl(request);

    /// <summary>DTSTAMP is when the data was loaded, not the request time, so unchanged feeds keep their ETag.</summary>
    static DateTimeOffset StampOf(ClubDirectory directory, TimeProvider clock) =>
        directory.IsLoaded ? directory.Current.LoadedAt : clock.GetUtcNow();

    internal static (DateOnly From, DateOnly To)? ParseRange(QueryErrors errors, string? rawFrom, string? rawTo, DateOnly today)
    {
        var from = ParseDate(errors, rawFrom, "from");
        var to = ParseDate(errors, rawTo, "to");
        if (errors.Any) return null;
        var first = from ?? today;
        var last = to ?? first.AddDays(DefaultRangeDays - 1);
        var days = last.DayNumber - first.DayNumber + 1;
        if (days < 1)
            errors.Add("from", $"from ({first:yyyy-MM-dd}) is after to ({last:yyyy-MM-dd}). / Data początkowa jest późniejsza niż końcowa.");
        else if (days > MaxRangeDays)
            errors.Add("to", $"The range has {days} days; at most {MaxRangeDays} are allowed. / Zakres może mieć najwyżej {MaxRangeDays} dni.");
        return errors.Any ? null : (first, last);
    }

    static DateOnly? ParseDate(QueryErrors errors, string? raw, string field)
    {
        if (errors.Text(raw, field) is not { } text) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            errors.Add(field, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not a date like 2026-03-29 (yyyy-MM-dd).");
        else if (date.Year is < 2000 or > 2100)
            errors.Add(field, $"{date:yyyy-MM-dd} is out of range: dates must lie between 2000-01-01 and 2100-12-31.");
        else return date;
        return null;
    }

    /// <summary>
    /// ISO 8601 durations in weeks, days, hours, minutes and seconds (PT3H, PT90M, P1D, P1DT12H). Years and
    /// months are refused: their length depends on the calendar, and the limit is a week anyway.
    /// </summary>
    internal static TimeSpan? ParseDuration(QueryErrors errors, string? raw, string field)
    {
        if (errors.Text(raw, field) is not { } text) return null;
        var match = IsoDuration().Match(text.ToUpperInvariant());
        bool Has(string name) => match.Groups[name].Success;
        var hasTime = Has("h") || Has("m") || Has("s");
        if (!match.Success || !(Has("w") || Has("d") || hasTime) || (Has("t") && !hasTime))
        {
            errors.Add(field, $"'{(text.Length > 40 ? text[..40] + "…" : text)}' is not an ISO 8601 duration like PT3H, PT90M or P1D.");
            return null;
        }
        long Part(string name) => match.Groups[name].Success ? long.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = (((Part("w") * 7 + Part("d")) * 24 + Part("h")) * 60 + Part("m")) * 60 + Part("s");
        if (seconds <= 0 || seconds > MaxWithin.TotalSeconds)
        {
            errors.Add(field, $"{text} is out of range: {field} must be longer than zero and at most P7D (7 days).");
            return null;
        }
        return TimeSpan.FromSeconds(seconds);
    }

    [GeneratedRegex(@"^P(?:(?<w>[0-9]{1,6})W)?(?:(?<d>[0-9]{1,6})D)?(?<t>T(?:(?<h>[0-9]{1,6})H)?(?:(?<m>[0-9]{1,6})M)?(?:(?<s>[0-9]{1,7})S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();
}

/// <summary>
/// A feed depends only on the snapshot, the day, the site's address and the filter, and writing a
/// large one takes a while: each is written once per snapshot, not once per request.
/// </summary>
static class CalendarFeeds
{
    /// <summary>Every club and filter fits; a flood of made-up Host headers does not grow the cache.</summary>
    const int MaxPerSnapshot = 512;
    static readonly ConditionalWeakTable<DirectorySnapshot, ConcurrentDictionary<string, Lazy<byte[]>>> Cache = new();

    /// <summary>Concurrent requests for the same feed wait for one writer instead of each writing it.</summary>
    public static byte[] GetOrAdd(DirectorySnapshot snapshot, string key, Func<byte[]> write)
    {
        var feeds = Cache.GetValue(snapshot, _ => new ConcurrentDictionary<string, Lazy<byte[]>>(StringComparer.Ordinal));
        if (feeds.TryGetValue(key, out var feed)) return feed.Value;
        if (feeds.Count >= MaxPerSnapshot) return write();
        feed = feeds.GetOrAdd(key, _ => new Lazy<byte[]>(write, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return feed.Value;
        }
        catch
        {
            // A cancelled or failed write is not kept: the next request tries again.
            feeds.TryRemove(new KeyValuePair<string, Lazy<byte[]>>(key, feed));
            throw;
        }
    }
}
