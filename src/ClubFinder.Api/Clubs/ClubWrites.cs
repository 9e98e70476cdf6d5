using ClubFinder.Api.Data;
using ClubFinder.Api.Districts;
using ClubFinder.Api.Schedules;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Clubs;

/// <summary>What one write did: the club before (null when created) and after, and the fields that changed.</summary>
public sealed record ClubWriteResult(ClubDocument? Before, ClubDocument After, IReadOnlyList<string> Changes)
{
    public bool Changed => Before is null || Changes.Count > 0;
}

/// <summary>
/// The one path of every club write: the admin API's POST and PUT, the CSV import, the JSON import
/// (and so the command line and the seed), and accepted suggestions. The same rules give the same
/// field errors, the same polygons give the district, and every change lands in the audit log in the
/// transaction that saves it.
/// </summary>
public static class ClubWrites
{
    public const string UnknownOperator = "Nieznany operator. / Unknown operator.";
    public const string SlugTaken = "Ten identyfikator jest zajęty. / This slug is taken.";
    public const string OutsideKrakow =
        "Ten punkt leży poza Krakowem: przesuń znacznik do wejścia klubu. / This point is outside Kraków: move the marker to the club's entrance.";

    /// <summary>
    /// Field errors for writing <paramref name="doc"/> over <paramref name="stored"/> (null: a new
    /// club), and the district its point lies in. Sessions that already overlapped in the stored club
    /// may keep doing so (published timetables have parallel groups); new overlaps are refused.
    /// </summary>
    public static (Dictionary<string, string[]> Errors, int? District) Check(ClubDocument doc, Club? stored, bool operatorKnown, bool slugTaken,
        DistrictMap districts)
    {
        var errors = ClubDocuments.Validate(doc, creating: stored is null, stored is null ? null : ClubDocuments.SessionsOf(stored));
        if (!operatorKnown && doc.Organization is not null && !errors.ContainsKey("organization")) errors["organization"] = [UnknownOperator];
        if (stored is null && slugTaken && !errors.ContainsKey("slug")) errors["slug"] = [SlugTaken];
        int? district = null;
        if (doc.Location is { } l && !errors.ContainsKey("location"))
        {
            district = districts.At(l.Lat, l.Lon)?.Number;
            if (district is null) errors["location"] = [OutsideKrakow];
        }
        return (errors, district);
    }

    /// <summary>
    /// Writes a checked document onto <paramref name="club"/> (tracked by <paramref name="db"/>; added
    /// when new) and records the change in the audit log. Nothing is recorded, and nothing written,
    /// when the document changes nothing. The caller saves.
    /// </summary>
    /// <param name="source">Prefixes the audit action ("import" gives import:create / import:update).</param>
    public static ClubWriteResult Write(ClubFinderDb db, Club club, ClubDocument doc, Organization organization, int? district, DistrictMap districts,
        string actor, TimeProvider clock, string? source = null, long? suggestionId = null)
    {
        var today = Warsaw.Today(clock);
        var creating = db.Entry(club).State == EntityState.Added;
        var before = creating ? null : Document(club, districts, today);
        ClubDocuments.Apply(doc, club, organization);
        club.DistrictNumber = district;
        var after = Document(club, districts, today);
        var changes = before is null ? [] : ClubDocuments.ChangedFields(before, after);
        var result = new ClubWriteResult(before, after, changes);
        if (!result.Changed) return result;

        club.UpdatedAt = clock.GetUtcNow();
        var action = creating ? "create" : before!.Status != after.Status && source is null ? $"status:{after.Status}" : "update";
        Audit.Record(db, actor, "club", club.Slug, source is null ? action : $"{source}:{action}", before, after, clock, suggestionId);
        return result;
    }

    static ClubDocument Document(Club club, DistrictMap districts, DateOnly today) =>
        ClubDocuments.ToDocument(club, districts.Get(club.DistrictNumber) is { } d ? new DistrictRef(d.Number, d.Name) : null, today) with { Version = null };
}
