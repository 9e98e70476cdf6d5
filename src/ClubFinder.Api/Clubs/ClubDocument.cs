using System.Globalization;
using System.Text.RegularExpressions;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Api.Schedules;
using NetTopologySuite.Geometries;

namespace ClubFinder.Api.Clubs;

public record AddressDocument(string? Street, string? HouseNumber, string? Postcode);
public record LocationDocument(double Lat, double Lon, string Precision);
public record SessionDocument(int Weekday, string StartsAt, string? EndsAt, string? Title, string? Audience,
    bool? RegistrationRequired = null, DateOnly? ValidFrom = null, DateOnly? ValidTo = null);
public record ClosureDocument(DateOnly From, DateOnly To, string? Reason);

/// <summary>
/// The editable document of one club: `GET /api/admin/clubs/{slug}` returns it with an ETag and
/// `PUT` takes the same document back, so a script can read, change one field and write.
/// Read-only fields (district, version, stale) are ignored on write.
/// </summary>
public record ClubDocument
{
    public string? Slug { get; init; }
    public string? Name { get; init; }
    public string? Organization { get; init; }
    public string? Status { get; init; }
    public AddressDocument? Address { get; init; }
    public LocationDocument? Location { get; init; }
    public DistrictRef? District { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    public string? Description { get; init; }
    public string? Fee { get; init; }
    public bool? RegistrationRequired { get; init; }
    public bool SpecialNeeds { get; init; }
    public IReadOnlyList<string>? Languages { get; init; }
    public string? OpeningHoursText { get; init; }
    /// <summary>Shown to parents on the club page.</summary>
    public string? ParentNote { get; init; }
    /// <summary>Internal remarks for the city office and operators; never public.</summary>
    public string? Notes { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public DateOnly? LastVerifiedAt { get; init; }
    public string? SourceUrl { get; init; }
    public IReadOnlyList<SessionDocument>? Sessions { get; init; }
    public IReadOnlyList<ClosureDocument>? Closures { get; init; }
    public string? Version { get; init; }
    public bool Stale { get; init; }
}

public static partial class ClubDocuments
{
    public const int StaleAfterDays = 180;
    const int MaxText = 200;
    public const int MaxSlug = 120;
    const int MaxLongText = 4000;
    /// <summary>A club with a session every hour of the week has 84; real ones have 2–20.</summary>
    public const int MaxSessions = 100;
    /// <summary>Closures are kept for history; a club closing twice a month for twenty years has 480.</summary>
    public const int MaxClosures = 500;
    public const int MaxLanguages = 10;
    /// <summary>Dates in a document (seasons, sessions, closures, verification) lie in this range.</summary>
    public static readonly DateOnly FirstDate = new(2000, 1, 1), LastDate = new(2100, 12, 31);

    public static string ETag(Club club) => $"\"{club.Version.ToString(CultureInfo.InvariantCulture)}\"";

    public static bool IsStale(DateOnly? lastVerified, DateOnly today) => lastVerified is null || lastVerified < today.AddDays(-StaleAfterDays);

    public static ClubDocument ToDocument(Club club, DistrictRef? district, DateOnly today) => new()
    {
        Slug = club.Slug,
        Name = club.Name,
        Organization = club.Organization.Slug,
        Status = club.Status,
        Address = new AddressDocument(club.Street, club.HouseNumber, club.Postcode),
        Location = club.Location is { } p ? new LocationDocument(Math.Round(p.Y, 6), Math.Round(p.X, 6), club.LocationPrecision ?? LocationPrecision.Area) : null,
        District = district,
        Phone = club.Phone,
        Email = club.Email,
        Website = club.Website,
        Description = club.Description,
        Fee = club.Fee,
        RegistrationRequired = club.RegistrationRequired,
        SpecialNeeds = club.SpecialNeeds,
        Languages = club.Languages,
        OpeningHoursText = club.OpeningHoursText,
        ParentNote = club.ParentNote,
        Notes = club.InternalNotes,
        ValidFrom = club.ValidFrom,
        ValidTo = club.ValidTo,
        LastVerifiedAt = club.LastVerifiedAt,
        SourceUrl = club.SourceUrl,
        Sessions = SessionsOf(club),
        Closures = ClosuresOf(club),
        Version = club.Version.ToString(CultureInfo.InvariantCulture),
        Stale = IsStale(club.LastVerifiedAt, today),
    };

    public static IReadOnlyList<SessionDocument> SessionsOf(Club club) => Ordered(club.Sessions.Select(s =>
        new SessionDocument(s.Weekday, s.StartsAt.ToString("HH:mm"), s.EndsAt?.ToString("HH:mm"), s.Title, s.Audience,
            s.RegistrationRequired, s.ValidFrom, s.ValidTo)));

    static List<ClosureDocument> ClosuresOf(Club club) => Ordered(club.Closures.Select(c => new ClosureDocument(c.FromDate, c.ToDate, c.Reason)));

    /// <summary>A timetable in one order (the database and files keep none), so two equal timetables compare equal.</summary>
    static List<SessionDocument> Ordered(IEnumerable<SessionDocument>? sessions) => (sessions ?? []).Where(s => s is not null)
        .OrderBy(s => s.Weekday).ThenBy(s => s.StartsAt, StringComparer.Ordinal).ThenBy(s => s.EndsAt, StringComparer.Ordinal)
        .ThenBy(s => s.Title, StringComparer.Ordinal).ThenBy(s => s.Audience, StringComparer.Ordinal)
        .ThenBy(s => s.ValidFrom).ThenBy(s => s.ValidTo).ThenBy(s => s.RegistrationRequired).ToList();

    static List<ClosureDocument> Ordered(IEnumerable<ClosureDocument>? closures) => (closures ?? []).Where(c => c is not null)
        .OrderBy(c => c.From).ThenBy(c => c.To).ThenBy(c => c.Reason, StringComparer.Ordinal).ToList();

    /// <summary>Field-level problems; an empty map means the document can be saved.</summary>
    /// <remarks>
    /// Overlapping sessions are refused unless they are parallel groups (the same start, different
    /// titles) or both were already stored that way: published timetables do have parallel groups,
    /// and editing a fee must not trip over them.
    /// </remarks>
    public static Dictionary<string, string[]> Validate(ClubDocument doc, bool creating, IReadOnlyList<SessionDocument>? stored = null)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = errors.TryGetValue(field, out var e) ? [.. e, message] : [message];
        void Text(string field, string? value, int max, bool required = false)
        {
            if (required && string.IsNullOrWhiteSpace(value)) Add(field, "Pole wymagane. / Required.");
            else if (value is not null && value.Length > max) Add(field, $"Najwyżej {max} znaków. / At most {max} characters.");
            // The API's request guard refuses unstorable text with this message before any handler: say the same.
            else if (!StorableText.IsStorable(value)) Add(field, StorableText.Message);
            else if (value is not null && value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                Add(field, "Niedozwolone znaki sterujące. / Control characters are not allowed.");
        }
        void Date(string field, DateOnly? value)
        {
            if (value < FirstDate || value > LastDate) Add(field, $"Data między {FirstDate:yyyy-MM-dd} a {LastDate:yyyy-MM-dd}. / A date between {FirstDate:yyyy-MM-dd} and {LastDate:yyyy-MM-dd}.");
        }

        if (doc.Sessions?.Any(x => x is null) == true) Add("sessions", "Pusty wpis w planie. / An empty entry in the timetable.");
        if (doc.Closures?.Any(x => x is null) == true) Add("closures", "Pusty wpis w przerwach. / An empty entry in the closures.");
        if (doc.Languages?.Any(x => x is null) == true) Add("languages", "Pusty kod języka. / An empty language code.");
        // Caps first: everything below is at least linear in them, and the public schedule answers too.
        if (doc.Sessions?.Count > MaxSessions)
            Add("sessions", $"Najwyżej {MaxSessions} zajęć tygodniowo. / At most {MaxSessions} weekly sessions.");
        if (doc.Closures?.Count > MaxClosures)
            Add("closures", $"Najwyżej {MaxClosures} przerw. / At most {MaxClosures} closures.");
        if (doc.Languages?.Count > MaxLanguages)
            Add("languages", $"Najwyżej {MaxLanguages} języków. / At most {MaxLanguages} languages.");
        if (errors.Count > 0) return errors;
        if (creating && (doc.Slug is null || doc.Slug.Length > MaxSlug || !SlugPattern().IsMatch(doc.Slug)))
            Add("slug", $"Małe litery, cyfry i myślniki, do {MaxSlug} znaków. / Lower-case letters, digits and hyphens, at most {MaxSlug}.");
        Text("name", doc.Name, MaxText, required: true);
        Text("organization", doc.Organization, MaxText, required: true);
        if (doc.Status is not null && !ClubStatus.All.Contains(doc.Status))
            Add("status", $"Jeden z: / One of: {string.Join(", ", ClubStatus.All)}.");
        Text("address.street", doc.Address?.Street, MaxText);
        Text("address.houseNumber", doc.Address?.HouseNumber, 40);
        if (doc.Address?.Postcode is { Length: > 0 } postcode && !PostcodePattern().IsMatch(postcode))
            Add("address.postcode", "Kod pocztowy w formacie 30-001. / A postcode like 30-001.");
        if (doc.Location is { } l)
        {
            if (!double.IsFinite(l.Lat) || !double.IsFinite(l.Lon) || l.Lat is < -90 or > 90 || l.Lon is < -180 or > 180)
                Add("location", "Nieprawidłowe współrzędne. / Invalid coordinates.");
            if (!LocationPrecision.All.Contains(l.Precision))
                Add("location.precision", $"Jeden z: / One of: {string.Join(", ", LocationPrecision.All)}.");
        }
        Text("phone", doc.Phone, 40);
        Text("email", doc.Email, MaxText);
        if (doc.Email is { Length: > 0 } email && !email.Contains('@')) Add("email", "Nieprawidłowy e-mail. / Invalid e-mail.");
        foreach (var (field, url) in new[] { ("website", doc.Website), ("sourceUrl", doc.SourceUrl) })
        {
            Text(field, url, 500);
            if (url is { Length: > 0 } && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                Add(field, "Adres musi zaczynać się od http:// lub https://. / Must be an http(s) address.");
        }
        Text("description", doc.Description, MaxLongText);
        Text("fee", doc.Fee, MaxText);
        Text("openingHoursText", doc.OpeningHoursText, MaxLongText);
        Text("parentNote", doc.ParentNote, 1000);
        Text("notes", doc.Notes, MaxLongText);
        if (doc.ValidFrom > doc.ValidTo) Add("validTo", "Sezon kończy się przed początkiem. / The season ends before it starts.");
        Date("validFrom", doc.ValidFrom);
        Date("validTo", doc.ValidTo);
        Date("lastVerifiedAt", doc.LastVerifiedAt);

        var sessions = doc.Sessions ?? [];
        var parsed = new List<(int Index, int Weekday, TimeOnly Start, TimeOnly End)>();
        for (var i = 0; i < sessions.Count; i++)
        {
            var s = sessions[i];
            var field = $"sessions[{i}]";
            if (s.Weekday is < 1 or > 7) Add($"{field}.weekday", "Dzień tygodnia 1–7. / Weekday 1–7.");
            if (!TimeOnly.TryParseExact(s.StartsAt, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            {
                Add($"{field}.startsAt", "Godzina w formacie GG:MM. / A time like 10:00.");
                continue;
            }
            TimeOnly? end = null;
            if (s.EndsAt is not null)
            {
                if (!TimeOnly.TryParseExact(s.EndsAt, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e))
                    Add($"{field}.endsAt", "Godzina w formacie GG:MM. / A time like 11:30.");
                else if (e <= start) Add($"{field}.endsAt", "Koniec musi być po początku. / The end must be after the start.");
                else end = e;
            }
            Text($"{field}.title", s.Title, MaxText);
            Text($"{field}.audience", s.Audience, MaxText);
            if (s.ValidFrom > s.ValidTo) Add($"{field}.validTo", "Koniec przed początkiem. / Ends before it starts.");
            Date($"{field}.validFrom", s.ValidFrom);
            Date($"{field}.validTo", s.ValidTo);
            parsed.Add((i, s.Weekday, start, end ?? start.AddMinutes(1)));
        }
        bool Stored(int index) => stored?.Contains(sessions[index]) == true;
        // Two groups starting together under different names run in parallel (Malwa's Tuesday has two).
        bool Parallel(int a, int b) => sessions[a].StartsAt == sessions[b].StartsAt && sessions[a].Title != sessions[b].Title;
        // A spring timetable and an autumn one may use the same hour.
        bool SameWeeks(int a, int b) => (sessions[a].ValidFrom ?? FirstDate) <= (sessions[b].ValidTo ?? LastDate)
            && (sessions[b].ValidFrom ?? FirstDate) <= (sessions[a].ValidTo ?? LastDate);
        foreach (var day in parsed.GroupBy(p => p.Weekday))
        {
            var ordered = day.OrderBy(p => p.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].Start < ordered[i - 1].End && SameWeeks(ordered[i].Index, ordered[i - 1].Index)
                    && !Parallel(ordered[i].Index, ordered[i - 1].Index)
                    && !(Stored(ordered[i].Index) && Stored(ordered[i - 1].Index)))
                    Add($"sessions[{ordered[i].Index}].startsAt",
                        $"Zajęcia nakładają się na zajęcia od {ordered[i - 1].Start:HH:mm}. / Overlaps the session starting {ordered[i - 1].Start:HH:mm}.");
        }
        var closures = doc.Closures ?? [];
        for (var i = 0; i < closures.Count; i++)
        {
            if (closures[i].From > closures[i].To) Add($"closures[{i}].to", "Koniec przed początkiem. / Ends before it starts.");
            Date($"closures[{i}].from", closures[i].From);
            Date($"closures[{i}].to", closures[i].To);
            Text($"closures[{i}].reason", closures[i].Reason, MaxText);
        }
        var languages = doc.Languages ?? [];
        if (languages.Any(l => l.Trim().Length is < 2 or > 8 || !l.Trim().All(c => char.IsAsciiLetter(c) || c == '-')))
            Add("languages", "Kody języków, np. pl, en, uk. / Language codes like pl, en, uk.");
        return errors;
    }

    /// <summary>Copies the editable fields onto the entity (the district is computed by the caller).</summary>
    public static void Apply(ClubDocument doc, Club club, Organization organization)
    {
        club.Name = doc.Name!.Trim();
        club.Organization = organization;
        if (organization.Id != 0) club.OrganizationId = organization.Id; // 0: an operator added in the same transaction
        club.Status = doc.Status ?? ClubStatus.Active;
        club.Street = Clean(doc.Address?.Street);
        club.HouseNumber = Clean(doc.Address?.HouseNumber);
        club.Postcode = Clean(doc.Address?.Postcode);
        var point = doc.Location is { } l ? new Point(l.Lon, l.Lat) { SRID = 4326 } : null;
        if (!(club.Location is null && point is null) && !(club.Location is not null && point is not null && club.Location.EqualsExact(point)))
            club.Location = point;
        club.LocationPrecision = doc.Location?.Precision;
        club.Phone = Clean(doc.Phone);
        club.Email = Clean(doc.Email);
        club.Website = Clean(doc.Website);
        club.Description = Clean(doc.Description);
        club.Fee = Clean(doc.Fee);
        club.RegistrationRequired = doc.RegistrationRequired;
        club.SpecialNeeds = doc.SpecialNeeds;
        var languages = (doc.Languages ?? []).Select(l => l.Trim().ToLowerInvariant()).ToArray();
        if (!club.Languages.SequenceEqual(languages)) club.Languages = languages;
        club.OpeningHoursText = Clean(doc.OpeningHoursText);
        club.ParentNote = Clean(doc.ParentNote);
        club.InternalNotes = Clean(doc.Notes);
        club.ValidFrom = doc.ValidFrom;
        club.ValidTo = doc.ValidTo;
        club.LastVerifiedAt = doc.LastVerifiedAt;
        club.SourceUrl = Clean(doc.SourceUrl);
        // Rows are replaced only when they differ, so saving an unchanged timetable writes nothing.
        var sessions = Ordered((doc.Sessions ?? []).Select(s => s with { Title = Clean(s.Title), Audience = Clean(s.Audience) }));
        if (!sessions.SequenceEqual(SessionsOf(club)))
            club.Sessions = sessions.Select(s => new Session
            {
                Weekday = s.Weekday,
                StartsAt = TimeOnly.ParseExact(s.StartsAt, "HH:mm", CultureInfo.InvariantCulture),
                EndsAt = s.EndsAt is null ? null : TimeOnly.ParseExact(s.EndsAt, "HH:mm", CultureInfo.InvariantCulture),
                Title = s.Title, Audience = s.Audience, RegistrationRequired = s.RegistrationRequired,
                ValidFrom = s.ValidFrom, ValidTo = s.ValidTo,
            }).ToList();
        var closures = Ordered((doc.Closures ?? []).Select(c => c with { Reason = Clean(c.Reason) }));
        if (!closures.SequenceEqual(ClosuresOf(club)))
            club.Closures = closures.Select(c => new Closure { FromDate = c.From, ToDate = c.To, Reason = c.Reason }).ToList();
    }

    /// <summary>The names of the fields that differ, for previews, history and conflict messages.</summary>
    public static IReadOnlyList<string> ChangedFields(ClubDocument before, ClubDocument after)
    {
        var changes = new List<string>();
        void Check<T>(string name, T a, T b) { if (!EqualityComparer<T>.Default.Equals(a, b)) changes.Add(name); }
        Check("name", before.Name, after.Name);
        Check("organization", before.Organization, after.Organization);
        Check("status", before.Status, after.Status);
        Check("address", before.Address, after.Address);
        Check("location", before.Location, after.Location);
        Check("district", before.District?.Number, after.District?.Number);
        Check("phone", before.Phone, after.Phone);
        Check("email", before.Email, after.Email);
        Check("website", before.Website, after.Website);
        Check("description", before.Description, after.Description);
        Check("fee", before.Fee, after.Fee);
        Check("registrationRequired", before.RegistrationRequired, after.RegistrationRequired);
        Check("specialNeeds", before.SpecialNeeds, after.SpecialNeeds);
        if (!(before.Languages ?? []).SequenceEqual(after.Languages ?? [])) changes.Add("languages");
        Check("openingHoursText", before.OpeningHoursText, after.OpeningHoursText);
        Check("parentNote", before.ParentNote, after.ParentNote);
        Check("notes", before.Notes, after.Notes);
        Check("validFrom", before.ValidFrom, after.ValidFrom);
        Check("validTo", before.ValidTo, after.ValidTo);
        Check("lastVerifiedAt", before.LastVerifiedAt, after.LastVerifiedAt);
        Check("sourceUrl", before.SourceUrl, after.SourceUrl);
        if (!Ordered(before.Sessions).SequenceEqual(Ordered(after.Sessions))) changes.Add("sessions");
        if (!Ordered(before.Closures).SequenceEqual(Ordered(after.Closures))) changes.Add("closures");
        return changes;
    }

    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^\d{2}-\d{3}$")]
    private static partial Regex PostcodePattern();
}
