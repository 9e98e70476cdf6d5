using System.Text.Json;
using System.Text.RegularExpressions;
using ClubFinder.Api.Data;
using ClubFinder.Api.Districts;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Clubs;

/// <summary>
/// Loads data/clubs.json: upserts operators and clubs by slug in one transaction, so importing
/// the same file twice changes nothing and one bad row imports nothing. Each club goes through
/// <see cref="ClubWrites"/>, the path of every club write, and is audited as "import of clubs.json".
/// </summary>
public partial class ClubImporter(ClubFinderDb db, TimeProvider clock, ILogger<ClubImporter> logger)
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
        var districts = await DistrictMap.LoadAsync(db, ct);
        var existing = await db.Clubs.Include(c => c.Organization).Include(c => c.Sessions).Include(c => c.Closures).Include(c => c.Sources)
            .AsSplitQuery().ToDictionaryAsync(c => c.Slug, ct);
        var errors = new List<string>();
        var warnings = new List<string>();
        var clubs = new List<(ClubRecord Row, ClubDocument Doc, int? District)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var where = $"row {i + 1} (slug '{row.Slug}')";
            var doc = ToDocument(row);
            // The same rules as every other club write; the operator comes with the row and is added if new.
            var (fieldErrors, district) = ClubWrites.Check(doc, existing.GetValueOrDefault(row.Slug ?? ""), operatorKnown: true, slugTaken: false, districts);
            if (row.Operator is null || string.IsNullOrWhiteSpace(row.Operator.Slug) || string.IsNullOrWhiteSpace(row.Operator.Name))
                errors.Add($"{where}, field 'operator': slug and name are required");
            else if (!OperatorType.All.Contains(row.Operator.Type))
                errors.Add($"{where}, field 'operator.type': '{row.Operator.Type}' is not one of {string.Join(", ", OperatorType.All)}");
            errors.AddRange(fieldErrors.SelectMany(e => e.Value.Select(m => $"{where}, field '{e.Key}': {m}")));
            if (district is not null && row.District is { } stated && stated != district)
                warnings.Add($"{where}: the file says district {stated}, the polygons say {district}; using {district}");
            clubs.Add((row, doc, district));
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

        var actor = $"import of {Path.GetFileName(file)}";
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (row, doc, district) in clubs)
        {
            var isNew = !existing.TryGetValue(row.Slug, out var club);
            club ??= db.Clubs.Add(new Club { Slug = row.Slug, Name = row.Name }).Entity;
            var written = ClubWrites.Write(db, club, doc, organizations[row.Operator!.Slug], district, districts, actor, clock, source: "import");
            var sources = (row.Sources ?? []).Select(s => new ClubSource { Url = s.Url, Date = s.Date, Supports = s.Supports }).ToList();
            var sourcesReplaced = !sources.Select(s => (s.Url, s.Date, s.Supports)).SequenceEqual(club.Sources.Select(s => (s.Url, s.Date, s.Supports)));
            if (sourcesReplaced) club.Sources = sources;
            if (isNew) created++;
            else if (written.Changed || sourcesReplaced) updated++;
            else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var warning in warnings) logger.LogWarning("{File}: {Warning}", Path.GetFileName(file), warning);
        return new ImportResult(created, updated, unchanged, warnings);
    }

    /// <summary>A row of the file as the club document every writer checks and applies.</summary>
    static ClubDocument ToDocument(ClubRecord row) => new()
    {
        Slug = row.Slug,
        Name = row.Name,
        Organization = row.Operator?.Slug,
        Status = row.Status,
        Address = new AddressDocument(row.Address?.Street, row.Address?.HouseNumber, row.Address?.Postcode),
        Location = row.Location is { } l ? new LocationDocument(l.Lat, l.Lon, l.Precision) : null,
        Phone = row.Phone,
        Email = row.Email,
        Website = row.Website,
        Description = row.Description,
        Fee = row.Fee,
        RegistrationRequired = row.RegistrationRequired,
        SpecialNeeds = row.SpecialNeeds,
        Languages = row.Languages ?? [],
        OpeningHoursText = row.OpeningHoursText,
        ParentNote = row.ParentNote,
        Notes = row.Notes,
        ValidFrom = row.ValidFrom,
        ValidTo = row.ValidTo,
        LastVerifiedAt = row.LastVerifiedAt,
        SourceUrl = row.SourceUrl ?? row.Sources?.FirstOrDefault()?.Url,
        Sessions = (row.Sessions ?? []).Select(s => new SessionDocument(s.Weekday, s.StartsAt!, s.EndsAt, s.Title, s.Audience,
            s.RegistrationRequired, s.ValidFrom, s.ValidTo)).ToList(),
        Closures = (row.Closures ?? []).Select(c => new ClosureDocument(c.From, c.To, c.Reason)).ToList(),
    };

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
