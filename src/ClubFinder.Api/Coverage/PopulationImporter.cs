using System.Globalization;
using System.Text.RegularExpressions;
using ClubFinder.Api.Data;
using ClubFinder.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Coverage;

/// <summary>
/// Loads residents per district from CSV. Two layouts, told apart by the header:
/// one row per district and date (`number`, `residents`, `date`, optional `children_0_3`,
/// `area_km2_official`, `source`), or the city's wide table with one `residents_YYYY_MM_DD` column
/// per date (the seed file). A row for an existing district and date replaces it.
/// </summary>
public partial class PopulationImporter(ClubFinderDb db)
{
    /// <summary>Where the seed file's figures come from (data/README.md has the details).</summary>
    public const string SeedSource =
        "Urząd Miasta Krakowa: open data 'zameldowani na pobyt stały' 31.12.2025; BIP table of residents per district 31.12.2019 and official areas";

    [GeneratedRegex(@"^residents_(\d{4})_(\d{2})_(\d{2})$")]
    private static partial Regex DatedResidents();

    public async Task<ImportResult> ImportAsync(string file, string? defaultSource = null, CancellationToken ct = default)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(file, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportException(file, [$"cannot read the file: {e.Message}"]);
        }
        var errors = new List<string>();
        var rows = Parse(lines, defaultSource ?? Path.GetFileName(file), errors);
        var known = await db.Districts.Select(d => d.Number).ToListAsync(ct);
        foreach (var row in rows.Where(r => !known.Contains(r.Value.DistrictNumber)))
            errors.Add($"line {row.Line}, field 'number': district {row.Value.DistrictNumber} is not loaded (import the districts first)");
        foreach (var duplicate in rows.GroupBy(r => (r.Value.DistrictNumber, r.Value.Date)).Where(g => g.Count() > 1))
            errors.Add($"lines {string.Join(", ", duplicate.Select(r => r.Line))}: district {duplicate.Key.DistrictNumber} on {duplicate.Key.Date:yyyy-MM-dd} appears more than once");
        if (rows.Count == 0 && errors.Count == 0) errors.Add("no rows");
        if (errors.Count > 0) throw new ImportException(file, errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.DistrictResidents.ToDictionaryAsync(r => (r.DistrictNumber, r.Date), ct);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var (_, row) in rows)
        {
            if (!existing.TryGetValue((row.DistrictNumber, row.Date), out var current))
            {
                db.DistrictResidents.Add(row);
                created++;
            }
            else if (current.Residents != row.Residents || current.Children0To3 != row.Children0To3
                     || current.AreaKm2Official != row.AreaKm2Official || current.Source != row.Source)
            {
                (current.Residents, current.Children0To3, current.AreaKm2Official, current.Source) =
                    (row.Residents, row.Children0To3, row.AreaKm2Official, row.Source);
                updated++;
            }
            else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(created, updated, unchanged, []);
    }

    static List<(int Line, DistrictResidents Value)> Parse(string[] lines, string defaultSource, List<string> errors)
    {
        var rows = new List<(int, DistrictResidents)>();
        if (lines.Length == 0) return rows;
        var header = Csv.Split(lines[0].TrimStart('\uFEFF')).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int Column(params string[] names) => Array.FindIndex(header, h => names.Contains(h));
        var number = Column("number", "district", "district_number", "nr");
        var residents = Column("residents");
        var date = Column("date");
        var children = Column("children_0_3", "children0to3", "children");
        var area = Column("area_km2_official", "area_km2");
        var source = Column("source");
        var dated = header.Select((h, i) => (i, m: DatedResidents().Match(h))).Where(x => x.m.Success)
            .Select(x => (Index: x.i, Date: DateOnly.TryParseExact($"{x.m.Groups[1]}-{x.m.Groups[2]}-{x.m.Groups[3]}", "yyyy-MM-dd", out var d) ? d : (DateOnly?)null))
            .Where(x => x.Date is not null).ToList();
        if (number < 0) errors.Add("line 1: no 'number' column (the district number 1–18)");
        if (residents < 0 && dated.Count == 0) errors.Add("line 1: no 'residents' column (with a 'date' column) and no 'residents_YYYY_MM_DD' column");
        if (residents >= 0 && date < 0) errors.Add("line 1: a 'residents' column needs a 'date' column (YYYY-MM-DD)");
        if (errors.Count > 0) return rows;

        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var line = i + 1;
            var fields = Csv.Split(lines[i]);
            string Field(int index) => index >= 0 && index < fields.Count ? fields[index].Trim() : "";
            var rowErrors = errors.Count;
            if (!int.TryParse(Field(number), NumberStyles.None, CultureInfo.InvariantCulture, out var district) || district is < 1 or > 18)
                errors.Add($"line {line}, field 'number': expected a district number 1–18, got '{Field(number)}'");
            int? kids = null;
            if (children >= 0 && Field(children) != "")
            {
                if (int.TryParse(Field(children), NumberStyles.None, CultureInfo.InvariantCulture, out var k)) kids = k;
                else errors.Add($"line {line}, field 'children_0_3': expected a whole number ≥ 0, got '{Field(children)}'");
            }
            double? officialArea = null;
            if (area >= 0 && Field(area) != "")
            {
                if (double.TryParse(Field(area), NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.IsFinite(a) && a > 0) officialArea = a;
                else errors.Add($"line {line}, field '{header[area]}': expected an area in km² greater than 0, got '{Field(area)}'");
            }
            var rowSource = source >= 0 && Field(source) != "" ? Field(source) : defaultSource;
            if (rowSource.Length > 500) errors.Add($"line {line}, field 'source': longer than 500 characters");

            var values = residents >= 0
                ? [(Field(residents), "residents", DateOnly.TryParseExact(Field(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null)]
                : dated.Select(c => (Field(c.Index), header[c.Index], c.Date)).ToList();
            if (residents >= 0 && values[0].Item3 is null)
                errors.Add($"line {line}, field 'date': expected a date YYYY-MM-DD, got '{Field(date)}'");
            foreach (var (raw, column, when) in values)
            {
                if (raw == "" && residents < 0) continue; // a wide table may lack an older year for a district
                if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
                {
                    errors.Add($"line {line}, field '{column}': expected a whole number of residents greater than 0, got '{raw}'");
                    continue;
                }
                if (kids > count) errors.Add($"line {line}, field 'children_0_3': {kids} children is more than the {count} residents");
                if (errors.Count == rowErrors && when is not null)
                    rows.Add((line, new DistrictResidents
                    {
                        DistrictNumber = district, Date = when.Value, Residents = count, Children0To3 = kids,
                        AreaKm2Official = officialArea, Source = rowSource,
                    }));
            }
        }
        return rows;
    }
}
