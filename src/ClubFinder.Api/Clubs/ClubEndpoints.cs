using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Api.Schedules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Clubs;

public static class ClubEndpoints
{
    public static RouteGroupBuilder MapClubs(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Clubs").WithConditionalGet();

        api.MapGet("/clubs", ListClubs).WithName("ListClubs")
            .WithSummary("Clubs, filtered and sorted by name, a page at a time (limit, offset); total counts every match.");
        api.MapGet("/clubs.geojson", ListClubsGeoJson).WithName("ListClubsGeoJson")
            .WithSummary("The clubs matching the same filters as a GeoJSON FeatureCollection of map markers (id = slug; name, address, operatorType, district, precision, status, specialNeeds, openNow), all of them (a map view: bbox).")
            .Produces<object>(StatusCodes.Status200OK, "application/geo+json");
        api.MapGet("/clubs/nearest", Nearest).WithName("NearestClubs")
            .WithSummary("Clubs nearest to a point, nearest first, with geodesic distance and walking time.")
            .Produces<NearestResult>(StatusCodes.Status200OK, "application/json");
        api.MapGet("/clubs/{slug}", GetClub).WithName("GetClub")
            .WithSummary("One club with contacts, season, weekly sessions, closures and sources.");
        return api;
    }

    /// <summary>A page of a list: a parent reads the first clubs, and a district of a national roll-out (thousands of
    /// clubs, over a megabyte in one answer) is not sent whole to every phone or crawler that opens it.</summary>
    public const int DefaultPage = 100, MaxPage = 1000;

    /// <summary>Lists clubs, a page at a time.</summary>
    /// <param name="limit">How many clubs, 1–1000 (default 100). <c>total</c> counts every match.</param>
    /// <param name="offset">How many matches to skip first, 0 by default: the next page starts at offset + limit.</param>
    public static Results<Ok<ClubList>, ValidationProblem, ProblemHttpResult> ListClubs(
        ClubDirectory directory, TimeProvider clock, CancellationToken ct, [AsParameters] ClubFilter filter,
        string? limit = null, string? offset = null)
    {
        var snapshot = directory.Current;
        var query = ClubQuery.Parse(snapshot, filter, out var errors, out var notFound);
        var take = errors.Integer(limit, "limit", 1, MaxPage, "limit") ?? DefaultPage;
        var skip = errors.Integer(offset, "offset", 0, int.MaxValue, "offset") ?? 0;
        if (errors.Any) return errors.ToProblem();
        if (notFound is not null) return notFound;
        var now = Warsaw.Now(clock);
        var (total, items) = (0, new List<ClubSummary>(Math.Min(take, 128)));
        foreach (var club in query!.Apply(snapshot, now))
        {
            ct.ThrowIfCancellationRequested();
            if (total >= skip && items.Count < take) items.Add(club.ToSummary(now));
            total++;
        }
        return TypedResults.Ok(new ClubList(total, items));
    }

    /// <summary>Lists clubs as GeoJSON.</summary>
    public static Results<BytesResult, ValidationProblem, ProblemHttpResult> ListClubsGeoJson(
        ClubDirectory directory, TimeProvider clock, CancellationToken ct, [AsParameters] ClubFilter filter)
    {
        // A map view, the box and nothing else, comes cell by cell from the grid; any other filter looks at each club.
        var snapshot = directory.Current;
        if (filter with { Bbox = null } == new ClubFilter() && ClubQuery.Parse(snapshot, filter, out _, out _)?.Bbox is var (minLon, minLat, maxLon, maxLat))
            return ClubGeoJson.WriteView(snapshot.Grid, minLon, minLat, maxLon, maxLat, Warsaw.Now(clock), ct);
        var (clubs, now, invalid, notFound) = Select(directory, clock, filter);
        if (invalid is not null) return invalid;
        if (notFound is not null) return notFound;
        return ClubGeoJson.Write(clubs!, now, ct);
    }

    static (IEnumerable<DirectoryClub>? Clubs, DateTime Now, ValidationProblem? Invalid, ProblemHttpResult? NotFound) Select(
        ClubDirectory directory, TimeProvider clock, ClubFilter f)
    {
        var snapshot = directory.Current;
        var query = ClubQuery.Parse(snapshot, f, out var errors, out var notFound);
        var now = Warsaw.Now(clock);
        if (errors.Any) return (null, now, errors.ToProblem(), null);
        if (notFound is not null) return (null, now, null, notFound);
        return (query!.Apply(snapshot, now), now, null, null);
    }

    /// <summary>Nearest clubs.</summary>
    /// <param name="lat">Latitude of the origin (WGS84).</param>
    /// <param name="lon">Longitude of the origin (WGS84).</param>
    /// <param name="limit">How many clubs, 1–50 (default 5).</param>
    /// <param name="maxDistance">Only clubs within this many metres, 1–50000.</param>
    /// <param name="filter">The filters of GET /api/clubs; with <c>district</c> and no lat/lon the origin is a point inside that district.</param>
    public static Results<BytesResult, ValidationProblem, ProblemHttpResult> Nearest(
        ClubDirectory directory, TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct, [AsParameters] ClubFilter filter,
        string? lat = null, string? lon = null, string? limit = null, string? maxDistance = null)
    {
        var snapshot = directory.Current;
        // A district is the origin here, not a filter: "nearest to Dębniki" must reach beyond its border.
        var fromDistrict = lat is null && lon is null && filter.District is not null;
        var query = ClubQuery.Parse(snapshot, filter, out var errors, out var notFound);
        var point = fromDistrict ? null : errors.Point(lat, lon);
        var count = errors.Integer(limit, "limit", 1, 50, "limit") ?? 5;
        var within = errors.Number(maxDistance, "maxDistance", 1, 50_000, "maxDistance in metres");
        if (errors.Any) return errors.ToProblem();
        if (notFound is not null) return notFound;

        double originLat, originLon;
        if (fromDistrict)
        {
            // The centroid, unless the district's shape puts it outside (then a point surely inside).
            var area = snapshot.District(query!.District!.Value)!;
            var centre = area.Prepared.Covers(area.District.Geom.Centroid) ? area.District.Geom.Centroid : area.District.Geom.InteriorPoint;
            (originLat, originLon) = (Math.Round(centre.Y, 6), Math.Round(centre.X, 6));
            query = query with { District = null };
        }
        else (originLat, originLon) = point!.Value;
        var now = Warsaw.Now(clock);
        var found = snapshot.Grid.Nearest(originLat, originLon, count, within, c => query!.Matches(c, now));
        var district = snapshot.DistrictAt(originLat, originLon)?.District;
        var origin = new Origin(originLat, originLon, district is null ? null : new DistrictRef(district.Number, district.Name));
        return NearestJson(origin, found, now, json.Value.SerializerOptions, ct);
    }

    /// <summary>
    /// A <see cref="NearestResult"/> as the API would serialise it, written from each club's summary JSON of the minute
    /// with the distance and walking time in front (a <see cref="NearbyClub"/>'s own fields come first): the summaries
    /// are serialised once a minute, not at every request for a new point.
    /// </summary>
    static BytesResult NearestJson(Origin origin, List<(DirectoryClub Club, double Distance)> found, DateTime now, JsonSerializerOptions json, CancellationToken ct)
    {
        var body = new ArrayBufferWriter<byte>(1024 + 1024 * found.Count);
        body.Write("""{"origin":"""u8);
        body.Write(JsonSerializer.SerializeToUtf8Bytes(origin, json));
        body.Write(""","items":["""u8);
        for (var i = 0; i < found.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var (club, distance) = found[i];
            body.Write(i == 0 ? """{"distanceMeters":"""u8 : """,{"distanceMeters":"""u8);
            Number(body, Math.Round(distance, 1));
            body.Write(""","walkingMinutes":"""u8);
            Number(body, Geo.WalkingMinutes(distance));
            body.Write(","u8);
            body.Write(club.ToSummaryJson(now, json).AsSpan(1)); // its fields after the opening brace, and the closing one
        }
        body.Write("]}"u8);
        return new BytesResult(body.WrittenSpan.ToArray(), "application/json; charset=utf-8");

        static void Number<T>(ArrayBufferWriter<byte> body, T value) where T : IUtf8SpanFormattable
        {
            if (!value.TryFormat(body.GetSpan(32), out var written, default, CultureInfo.InvariantCulture)) throw new FormatException();
            body.Advance(written);
        }
    }

    /// <summary>One club.</summary>
    /// <param name="slug">The club's identifier, e.g. kfk-malwa-dobrego-pasterza-6.</param>
    public static Results<Ok<ClubDetails>, ProblemHttpResult> GetClub(string slug, ClubDirectory directory, TimeProvider clock)
    {
        if (slug.Length > QueryErrors.MaxTextLength || !directory.Current.BySlug.TryGetValue(slug, out var club))
            return Problems.NotFound($"No club '{(slug.Length > 60 ? slug[..60] + "…" : slug)}'. / Nie ma takiego klubu.");
        return TypedResults.Ok(club.ToDetails(Warsaw.Now(clock)));
    }
}

/// <summary>The query string of GET /api/clubs, as sent (validated by <see cref="ClubQuery.Parse(DirectorySnapshot, ClubFilter, out QueryErrors, out ProblemHttpResult?)"/>).</summary>
/// <param name="District">District number 1–18 or Roman numeral I–XVIII.</param>
/// <param name="OperatorType">ngo, culture, mops, city or other.</param>
/// <param name="SpecialNeeds">true: only clubs for children with special developmental needs.</param>
/// <param name="OpenNow">true: open at this moment; false: known to be closed now. Clubs without a published schedule match neither.</param>
/// <param name="OpenAt">Local Europe/Warsaw date-time, e.g. 2026-03-29T10:00: open at that time.</param>
/// <param name="Day">ISO weekday 1 (Monday) – 7 (Sunday): has a session that day.</param>
/// <param name="Q">Text in the name, address or operator; diacritics optional.</param>
/// <param name="Bbox">minLon,minLat,maxLon,maxLat.</param>
public record ClubFilter(string? District = null, string? OperatorType = null, string? SpecialNeeds = null, string? OpenNow = null,
    string? OpenAt = null, string? Day = null, string? Q = null, string? Bbox = null);

/// <summary>The filters of GET /api/clubs, parsed and validated once.</summary>
public sealed record ClubQuery(
    int? District, string? OperatorType, bool? SpecialNeeds, bool? OpenNow, DateTime? OpenAt, int? Day, string? Text,
    (double MinLon, double MinLat, double MaxLon, double MaxLat)? Bbox)
{
    public static ClubQuery? Parse(DirectorySnapshot snapshot, ClubFilter f, out QueryErrors errors, out ProblemHttpResult? notFound) =>
        Parse(snapshot, f.District, f.OperatorType, f.SpecialNeeds, f.OpenNow, f.OpenAt, f.Day, f.Q, f.Bbox, out errors, out notFound);

    public static ClubQuery? Parse(DirectorySnapshot snapshot, string? district, string? operatorType, string? specialNeeds,
        string? openNow, string? openAt, string? day, string? q, string? bbox, out QueryErrors errors, out ProblemHttpResult? notFound)
    {
        errors = new QueryErrors();
        notFound = null;
        int? districtNumber = null;
        if (errors.Text(district, "district") is { } districtText)
        {
            // One rule for every district filter: malformed is 400, a well-formed number naming no district is 404.
            districtNumber = Districts.RomanNumerals.ParseDistrict(districtText);
            if (!Districts.RomanNumerals.IsWellFormed(districtText))
                errors.Add("district", $"'{districtText}' is not a district: use a number 1–18 or a Roman numeral I–XVIII.");
            else if (districtNumber is null || snapshot.District(districtNumber.Value) is null)
                notFound = Problems.NotFound($"There is no district {districtText}; Kraków has districts 1–18 (I–XVIII). / Nie ma dzielnicy {districtText}.");
        }
        var type = errors.Text(operatorType, "operatorType")?.ToLowerInvariant();
        if (type is not null && !Clubs.OperatorType.All.Contains(type))
            errors.Add("operatorType", $"'{type}' is not an operator type: use one of {string.Join(", ", Clubs.OperatorType.All)}.");
        var special = errors.Boolean(specialNeeds, "specialNeeds");
        var open = errors.Boolean(openNow, "openNow");
        DateTime? at = null;
        if (errors.Text(openAt, "openAt") is { } openAtText)
        {
            if (DateTime.TryParseExact(openAtText, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                at = parsed;
            else errors.Add("openAt", $"'{openAtText}' is not a local date-time like 2026-03-29T10:00.");
        }
        var weekday = errors.Integer(day, "day", 1, 7, "day (ISO weekday, 1 = Monday)");
        var text = errors.Text(q, "q");
        (double, double, double, double)? box = null;
        if (errors.Text(bbox, "bbox") is { } bboxText)
        {
            var parts = bboxText.Split(',');
            var values = parts.Select(p => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : (double?)null).ToArray();
            if (parts.Length != 4 || values.Any(v => v is null))
                errors.Add("bbox", "bbox must be four numbers: minLon,minLat,maxLon,maxLat.");
            else if (values[0] < -180 || values[2] > 180 || values[1] < -90 || values[3] > 90 || values[0] > values[2] || values[1] > values[3])
                errors.Add("bbox", "bbox must be minLon,minLat,maxLon,maxLat with min ≤ max, longitudes −180…180 and latitudes −90…90.");
            else box = (values[0]!.Value, values[1]!.Value, values[2]!.Value, values[3]!.Value);
        }
        return errors.Any ? null : new ClubQuery(districtNumber, type, special, open, at, weekday, text is null ? null : TextSearch.Fold(text), box);
    }

    /// <summary>The matching clubs in name order; district and box come from the snapshot's indexes.</summary>
    public IEnumerable<DirectoryClub> Apply(DirectorySnapshot snapshot, DateTime now)
    {
        IEnumerable<DirectoryClub> clubs = District is { } d ? snapshot.InDistrict(d)
            : Bbox is var (minLon, minLat, maxLon, maxLat) ? snapshot.Grid.InBox(minLon, minLat, maxLon, maxLat)
            : snapshot.Clubs;
        return clubs.Where(c => Matches(c, now));
    }

    string[]? words;

    public bool Matches(DirectoryClub c, DateTime now)
    {
        if (District is { } d && c.District?.Number != d) return false;
        if (OperatorType is { } t && c.Club.Organization.Type != t) return false;
        if (SpecialNeeds is { } s && c.Club.SpecialNeeds != s) return false;
        if (Bbox is var (minLon, minLat, maxLon, maxLat) && !(c.Lon >= minLon && c.Lon <= maxLon && c.Lat >= minLat && c.Lat <= maxLat))
            return false;
        if (Day is { } day && !ClubSchedule.HasSessionOn(c.Club, day)) return false;
        if (Text is { } text)
        {
            words ??= text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var w in words)
                if (!c.SearchText.Contains(w, StringComparison.Ordinal)) return false;
        }
        if (OpenNow is { } open && ClubSchedule.IsOpenAt(c.Club, now) != open) return false;
        if (OpenAt is { } at && ClubSchedule.IsOpenAt(c.Club, at) != true) return false;
        return true;
    }
}
