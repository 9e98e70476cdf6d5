using System.Globalization;
using ClubFinder.Api.Clubs;
using Dapper;
using Npgsql;

namespace ClubFinder.Api.Completeness;

/// <summary>What a club's record lacks; the names are the API's and the CSV's.</summary>
public static class Gap
{
    public const string Location = "location";
    public const string ApproximateLocation = "approximateLocation";
    public const string Timetable = "timetable";
    public const string Contacts = "contacts";
    public const string Description = "description";
    public const string Verification = "verification";
    public const string Suggestions = "suggestions";
    public static readonly string[] All = [Location, ApproximateLocation, Timetable, Contacts, Description, Verification, Suggestions];
}

/// <summary>One known club (not closed) as the completeness query reads it.</summary>
public sealed class CompletenessRow
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Organization { get; set; } = "";
    public string OrganizationName { get; set; } = "";
    public string Status { get; set; } = "";
    public bool Located { get; set; }
    public string? Precision { get; set; }
    public bool HasTimetable { get; set; }
    public bool HasContacts { get; set; }
    public bool HasDescription { get; set; }
    public string? LastVerifiedAt { get; set; }
    public bool Stale { get; set; }
    public int OpenSuggestions { get; set; }

    public IReadOnlyList<string> Missing()
    {
        var missing = new List<string>();
        if (!Located) missing.Add(Gap.Location);
        else if (Precision != "building") missing.Add(Gap.ApproximateLocation);
        if (!HasTimetable) missing.Add(Gap.Timetable);
        if (!HasContacts) missing.Add(Gap.Contacts);
        if (!HasDescription) missing.Add(Gap.Description);
        if (Stale) missing.Add(Gap.Verification);
        if (OpenSuggestions > 0) missing.Add(Gap.Suggestions);
        return missing;
    }
}

public record CompletenessTotals(int ReportedByCity, int Known, int Located, int AtBuilding, int WithTimetable, int WithContacts,
    int WithDescription, int VerifiedWithin180Days, int OpenSuggestions);

public record ClubGaps(string Slug, string Name, string Organization, string OrganizationName, string Status, string? LastVerifiedAt,
    int OpenSuggestions, IReadOnlyList<string> Missing);

public record OperatorGaps(string Slug, string Name, int Clubs, IReadOnlyDictionary<string, int> Missing);

public record CompletenessReport(CompletenessTotals Totals, IReadOnlyList<ClubGaps> Clubs, IReadOnlyList<OperatorGaps> Operators)
{
    /// <summary>Known clubs (not closed) as the report reads them; <c>organizationId</c> and <c>operator</c> narrow them.</summary>
    const string Query = """
        SELECT c.slug, c.name, o.slug AS organization, o.name AS organizationname, c.status,
               c.location IS NOT NULL AS located, c.location_precision AS precision,
               EXISTS (SELECT 1 FROM sessions s WHERE s.club_id = c.id) AS hastimetable,
               (coalesce(btrim(c.phone), '') <> '' OR coalesce(btrim(c.email), '') <> '' OR coalesce(btrim(c.website), '') <> '') AS hascontacts,
               coalesce(btrim(c.description), '') <> '' AS hasdescription,
               to_char(c.last_verified_at, 'YYYY-MM-DD') AS lastverifiedat,
               (c.last_verified_at IS NULL OR c.last_verified_at < @staleBefore::date) AS stale,
               (SELECT count(*)::int FROM suggestions g WHERE g.club_id = c.id AND g.status = 'open') AS opensuggestions
        FROM clubs c JOIN organizations o ON o.id = c.organization_id
        WHERE c.status <> 'closed'
          AND (@organizationId::int IS NULL OR c.organization_id = @organizationId)
          AND (@operator::text IS NULL OR o.slug = @operator)
        ORDER BY o.name, c.name
        """;

    /// <summary>
    /// The one computation behind the admin view, the CSV, the printable request and the public
    /// pages' "N of about 50" (/api/config).
    /// </summary>
    public static async Task<CompletenessReport> LoadAsync(NpgsqlDataSource data, DateOnly today, int? organizationId, string? @operator,
        int reportedByCity, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<CompletenessRow>(new CommandDefinition(Query, new
        {
            staleBefore = today.AddDays(-ClubDocuments.StaleAfterDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            organizationId,
            @operator,
        }, cancellationToken: ct))).ToList();
        return From(rows, reportedByCity);
    }

    /// <summary>Counts rows already read (the same rules as <see cref="LoadAsync"/>).</summary>
    public static CompletenessReport From(IReadOnlyList<CompletenessRow> rows, int reportedByCity)
    {
        var clubs = rows.Select(r => new ClubGaps(r.Slug, r.Name, r.Organization, r.OrganizationName, r.Status, r.LastVerifiedAt,
            r.OpenSuggestions, r.Missing())).ToList();
        var totals = new CompletenessTotals(reportedByCity, rows.Count, rows.Count(r => r.Located), rows.Count(r => r.Located && r.Precision == "building"),
            rows.Count(r => r.HasTimetable), rows.Count(r => r.HasContacts), rows.Count(r => r.HasDescription), rows.Count(r => !r.Stale),
            rows.Sum(r => r.OpenSuggestions));
        var operators = clubs.GroupBy(c => (c.Organization, c.OrganizationName))
            .Select(g => new OperatorGaps(g.Key.Organization, g.Key.OrganizationName, g.Count(),
                Gap.All.ToDictionary(gap => gap, gap => g.Count(c => c.Missing.Contains(gap)))))
            .OrderBy(o => o.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("pl-PL"), false))
            .ToList();
        return new CompletenessReport(totals, clubs, operators);
    }
}
