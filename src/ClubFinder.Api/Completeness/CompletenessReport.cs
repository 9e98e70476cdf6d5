
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
    /// <summary>The one computation behind the admin view, the CSV and the printable request.</summary>
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
