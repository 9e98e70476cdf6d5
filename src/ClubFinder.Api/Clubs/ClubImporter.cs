using System.Text.Json;
using System.Text.RegularExpressions;
using ClubFinder.Api.Data;
using ClubFinder.Api.Schedules;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NetTopologySuite.Geometries;

namespace ClubFinder.Api.Clubs;

/// <summary>
/// Loads data/clubs.json: upserts operators and clubs by slug in one transaction, so importing
/// the same file twice changes nothing and one bad row imports nothing.
/// </summary>
public partial class ClubImporter(ClubFinderDb db, ILogger<ClubImporter> logger)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public async Task<ImportResult> ImportAsync(string file, CancellationToken ct = default)
    {
        ClubFile? parsed;
        try
        {
            await using var stream = File.OpenRead(file);
            parsed = await JsonSerializer.DeserializeAsync<ClubFile>(stream, Json, ct);
        }
        catch (JsonException e)
        {
            var row = e.Path is { } path && ClubRow().Match(path) is { Success: true } m ? $"row {int.Parse(m.Groups[1].Value) + 1}, " : "";
            throw new ImportException(file, [$"{row}field '{e.Path}': {e.Message.Split(" Path:")[0]}"]);
        }
        var rows = parsed?.Clubs ?? throw new ImportException(file, ["no `clubs` array"]);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var errors = new List<string>();
        var warnings = new List<string>();
        var clubs = new List<(ClubRecord Row, int? District)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var where = $"row {i + 1} (slug '{rows[i].Slug}')";
            var rowErrors = Validate(rows[i]);
            int? district = null;
            if (rowErrors.Count == 0 && rows[i].Location is { } location)
            {
                district = await DistrictOfAsync(location.Lat, location.Lon, transaction, ct);
                if (district is null)
                    rowErrors.Add($"field 'location': {location.Lat}, {location.Lon} lies outside Kraków's districts");
                else if (rows[i].District is { } stated && stated != district)
                    warnings.Add($"{where}: the file says district {stated}, the polygons say {district}; using {district}");
            }
            errors.AddRange(rowErrors.Select(e => $"{where}, {e}"));
            clubs.Add((rows[i], district));
        }
        foreach (var duplicate in rows.GroupBy(r => r.Slug).Where(g => g.Count() > 1))
            errors.Add($"slug '{duplicate.Key}' appears {duplicate.Count()} times");
        foreach (var conflict in rows.Where(r => r.Operator is not null).GroupBy(r => r.Operator!.Slug)
                     .Where(g => g.Select(r => (r.Operator!.Name, r.Operator.Type)).Distinct().Count() > 1))
            errors.Add($"operator '{conflict.Key}' has different names or types in different rows");
        if (errors.Count > 0) throw new ImportException(file, errors);

        var organizations = await db.Organizations.ToDictionaryAsync(o => o.Slug, ct);
        foreach (var op in rows.Select(r => r.Operator!).DistinctBy(o => o.Slug))
        {
            if (!organizations.TryGetValue(op.Slug, out var organization))
            {
                organization = new Organization { Slug = op.Slug, Name = op.Name };
                db.Organizations.Add(organization);
                organizations[op.Slug] = organization;
            }
            organization.Name = op.Name;
            organization.Type = op.Type;
            organization.Website = op.Website ?? organization.Website;
        }

        var existing = await db.Clubs.Include(c => c.Sessions).Include(c => c.Closures).AsSplitQuery().ToDictionaryAsync(c => c.Slug, ct);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (row, district) in clubs)
        {
            var isNew = !existing.TryGetValue(row.Slug, out var club);
            if (isNew)
            {
                club = new Club { Slug = row.Slug, Name = row.Name };
                db.Clubs.Add(club);
            }
            var replacedChildren = Apply(row, district, organizations[row.Operator!.Slug], club!);
            if (isNew) created++;
            else if (replacedChildren || db.Entry(club!).State == EntityState.Modified) updated++;
            else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var warning in warnings) logger.LogWarning("{File}: {Warning}", Path.GetFileName(file), warning);
        return new ImportResult(created, updated, unchanged, warnings);
    }

    async Task<int?> DistrictOfAsync(double lat, double lon, IDbContextTransaction transaction, CancellationToken ct)
    {
        const string sql = """
            SELECT number FROM districts
            WHERE ST_Covers(geom, ST_SetSRID(ST_MakePoint(@lon, @lat), 4326))
            ORDER BY number LIMIT 1
            """;
        return await db.Database.GetDbConnection().QuerySingleOrDefaultAsync<int?>(
            new CommandDefinition(sql, new { lat, lon }, transaction.GetDbTransaction(), cancellationToken: ct));
    }

    /// <summary>Copies a row onto the club; true when its sessions, closures or sources were replaced.</summary>
    static bool Apply(ClubRecord row, int? district, Organization organization, Club club)
    {
        club.Name = row.Name.Trim();
        club.Organization = organization;
        club.Street = row.Address?.Street;
        club.HouseNumber = row.Address?.HouseNumber;
        club.Postcode = row.Address?.Postcode;
        var point = row.Location is { } l ? new Point(l.Lon, l.Lat) { SRID = 4326 } : null;
        if (!Equals(club.Location, point) && !(club.Location is not null && point is not null && club.Location.EqualsExact(point)))
            club.Location = point;
        club.LocationPrecision = row.Location?.Precision;
        club.DistrictNumber = district;
        club.Phone = row.Phone;
        club.Email = row.Email;
        club.Website = row.Website;
        club.Description = row.Description;
        club.Fee = row.Fee;
        club.RegistrationRequired = row.RegistrationRequired;
        club.SpecialNeeds = row.SpecialNeeds;
        if (!club.Languages.SequenceEqual(row.Languages ?? [])) club.Languages = row.Languages ?? [];
        club.OpeningHoursText = row.OpeningHoursText;
        club.ParentNote = row.ParentNote;
        club.InternalNotes = row.Notes;
        club.Status = row.Status ?? ClubStatus.Active;
        club.ValidFrom = row.ValidFrom;
        club.ValidTo = row.ValidTo;
        club.LastVerifiedAt = row.LastVerifiedAt;
        club.SourceUrl = row.SourceUrl ?? row.Sources?.FirstOrDefault()?.Url;

        var sessions = (row.Sessions ?? []).Select(s => new Session
        {
            Weekday = s.Weekday, StartsAt = TimeOnly.Parse(s.StartsAt!), EndsAt = s.EndsAt is null ? null : TimeOnly.Parse(s.EndsAt),
            Title = s.Title, Audience = s.Audience, RegistrationRequired = s.RegistrationRequired, ValidFrom = s.ValidFrom, ValidTo = s.ValidTo,
        }).ToList();
        var closures = (row.Closures ?? []).Select(c => new Closure { FromDate = c.From, ToDate = c.To, Reason = c.Reason }).ToList();
        var sources = (row.Sources ?? []).Select(s => new ClubSource { Url = s.Url, Date = s.Date, Supports = s.Supports }).ToList();
        var replaced = false;
        if (!SameRows(sessions.Select(SessionKey), club.Sessions.Select(SessionKey)))
            (club.Sessions, replaced) = (sessions, true);
        if (!SameRows(closures.Select(c => (c.FromDate, c.ToDate, c.Reason)), club.Closures.Select(c => (c.FromDate, c.ToDate, c.Reason))))
            (club.Closures, replaced) = (closures, true);
        if (!sources.Select(s => (s.Url, s.Date, s.Supports)).SequenceEqual(club.Sources.Select(s => (s.Url, s.Date, s.Supports))))
            (club.Sources, replaced) = (sources, true);
        return replaced;
    }

    /// <summary>
    /// The same rows in any order: a club's sessions and closures come back from the database in
    /// no particular order, so comparing sequences made a re-import of an unchanged file replace them.
    /// </summary>
    static bool SameRows<T>(IEnumerable<T> file, IEnumerable<T> database) where T : notnull
    {
        var counts = new Dictionary<T, int>();
        foreach (var row in file) counts[row] = counts.GetValueOrDefault(row) + 1;
        foreach (var row in database)
        {
            if (counts.GetValueOrDefault(row) == 0) return false;
            counts[row]--;
        }
        return counts.Values.All(c => c == 0);
    }

    static object SessionKey(Session s) => (s.Weekday, s.StartsAt, s.EndsAt, s.Title, s.Audience, s.RegistrationRequired, s.ValidFrom, s.ValidTo);

    static List<string> Validate(ClubRecord row)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(row.Slug) || !SlugPattern().IsMatch(row.Slug))
            errors.Add("field 'slug': required, lower-case letters, digits and hyphens");
        if (string.IsNullOrWhiteSpace(row.Name)) errors.Add("field 'name': required");
        if (row.Operator is null || string.IsNullOrWhiteSpace(row.Operator.Slug) || string.IsNullOrWhiteSpace(row.Operator.Name))
            errors.Add("field 'operator': slug and name are required");
        else if (!OperatorType.All.Contains(row.Operator.Type))
            errors.Add($"field 'operator.type': '{row.Operator.Type}' is not one of {string.Join(", ", OperatorType.All)}");
        if (row.Location is { } l)
        {
            if (!double.IsFinite(l.Lat) || l.Lat is < -90 or > 90) errors.Add($"field 'location.lat': {l.Lat} is not a latitude");
            if (!double.IsFinite(l.Lon) || l.Lon is < -180 or > 180) errors.Add($"field 'location.lon': {l.Lon} is not a longitude");
            if (!LocationPrecision.All.Contains(l.Precision))
                errors.Add($"field 'location.precision': '{l.Precision}' is not one of {string.Join(", ", LocationPrecision.All)}");
        }
        if (row.Status is not null && !ClubStatus.All.Contains(row.Status))
            errors.Add($"field 'status': '{row.Status}' is not one of {string.Join(", ", ClubStatus.All)}");
        if (row.ValidFrom > row.ValidTo) errors.Add("field 'validTo': the season ends before it starts");
        for (var i = 0; i < (row.Sessions?.Count ?? 0); i++)
        {
            var s = row.Sessions![i];
            if (s.Weekday is < 1 or > 7) errors.Add($"field 'sessions[{i}].weekday': {s.Weekday} is not an ISO weekday 1–7");
            if (!TimeOnly.TryParse(s.StartsAt, out var start)) errors.Add($"field 'sessions[{i}].startsAt': '{s.StartsAt}' is not a time HH:mm");
            else if (s.EndsAt is not null && (!TimeOnly.TryParse(s.EndsAt, out var end) || end <= start))
                errors.Add($"field 'sessions[{i}].endsAt': '{s.EndsAt}' must be a time after the start");
        }
        for (var i = 0; i < (row.Closures?.Count ?? 0); i++)
            if (row.Closures![i].From > row.Closures[i].To) errors.Add($"field 'closures[{i}]': ends before it starts");
        return errors;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^\$\.clubs\[(\d+)\]")]
    private static partial Regex ClubRow();

    record ClubFile(List<ClubRecord>? Clubs);
    record OperatorRecord(string Slug, string Name, string Type, string? Website);
    record AddressRecord(string? Street, string? HouseNumber, string? Postcode);
    record LocationRecord(double Lat, double Lon, string Precision, string? Source);
    record SourceRecord(string Url, string? Date, string? Supports);
    record SessionRecord(int Weekday, string? StartsAt, string? EndsAt, string? Title, string? Audience,
        bool? RegistrationRequired, DateOnly? ValidFrom, DateOnly? ValidTo);
    record ClosureRecord(DateOnly From, DateOnly To, string? Reason);
    record ClubRecord(
        string Slug, string Name, OperatorRecord? Operator, AddressRecord? Address, LocationRecord? Location, int? District,
        string? Phone, string? Email, string? Website, string? Description, string? Fee, bool? RegistrationRequired,
        bool SpecialNeeds, string[]? Languages, string? OpeningHoursText, string? Notes, string? ParentNote, string? Status,
        DateOnly? ValidFrom, DateOnly? ValidTo, DateOnly? LastVerifiedAt, string? SourceUrl, List<SourceRecord>? Sources,
        List<SessionRecord>? Sessions, List<ClosureRecord>? Closures);
}
