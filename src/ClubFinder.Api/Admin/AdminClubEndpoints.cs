using System.Globalization;
using System.Text.Json;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Api.Schedules;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Admin;

public record AdminClubRow(string Slug, string Name, string Organization, string OrganizationName, string Status, bool Located,
    string? LocationPrecision, DistrictRef? District, string AddressLabel, DateOnly? LastVerifiedAt, bool Stale,
    int OpenSuggestions = 0);

public record HistoryEntry(DateTimeOffset At, string Actor, string Action, IReadOnlyList<string> Changes, JsonElement? Before, JsonElement? After,
    long? SuggestionId = null);

public static class AdminClubEndpoints
{
    /// <summary>Open public suggestions per club, for the club list.</summary>
    const string OpenSuggestionCounts = """
        SELECT club_id, count(*)::int FROM suggestions WHERE status = 'open' AND club_id IS NOT NULL GROUP BY club_id
        """;

    public static RouteGroupBuilder MapAdminClubs(this RouteGroupBuilder admin)
    {
        admin.MapGet("/clubs", ListClubs).WithName("AdminListClubs")
            .WithSummary("The clubs you may edit (all for Admin), with clubs awaiting a location and those not verified for 180 days flagged.");
        admin.MapPost("/clubs", CreateClub).WithName("AdminCreateClub").WithSummary("Creates a club.");
        admin.MapGet("/clubs/{slug}", GetClub).WithName("AdminGetClub").WithSummary("The editable document of a club, with its ETag.");
        admin.MapPut("/clubs/{slug}", PutClub).WithName("AdminPutClub")
            .WithSummary("Saves the document (If-Match required; 412 with the current version when someone else saved first).");
        admin.MapGet("/clubs/{slug}/history", History).WithName("AdminClubHistory").WithSummary("Every change to a club, newest first.");
        return admin;
    }

    public static async Task<Ok<List<AdminClubRow>>> ListClubs(HttpContext http, ClubFinderDb db, UserManager<AppUser> users,
        ClubDirectory directory, TimeProvider clock, string? stale = null)
    {
        var editor = await Editor.FromAsync(http.User, users);
        var today = DateOnly.FromDateTime(Warsaw.Now(clock));
        var clubs = await db.Clubs.AsNoTracking().Include(c => c.Organization)
            .Where(c => editor.IsAdmin || c.OrganizationId == editor.OrganizationId)
            .OrderBy(c => c.Name).ToListAsync();
        var districts = directory.Current;
        var open = (await db.Database.GetDbConnection().QueryAsync<(int ClubId, int Count)>(OpenSuggestionCounts)).ToDictionary(r => r.ClubId, r => r.Count);
        var rows = clubs.Select(c => new AdminClubRow(c.Slug, c.Name, c.Organization.Slug, c.Organization.Name, c.Status, c.Location is not null,
                c.LocationPrecision, DistrictOf(districts, c.DistrictNumber), ClubMapping.AddressLabel(c.Street, c.HouseNumber, c.Postcode),
                c.LastVerifiedAt, ClubDocuments.IsStale(c.LastVerifiedAt, today), open.GetValueOrDefault(c.Id)))
            .Where(r => stale is null || r.Stale == (stale == "true"))
            .ToList();
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<ClubDocument>, ProblemHttpResult>> GetClub(string slug, HttpContext http, ClubFinderDb db,
        UserManager<AppUser> users, ClubDirectory directory, TimeProvider clock)
    {
        var editor = await Editor.FromAsync(http.User, users);
        var club = await LoadAsync(db, slug);
        if (club is null) return Problems.NotFound($"No club '{slug}'. / Nie ma takiego klubu.");
        if (!editor.CanEdit(club)) return Forbidden();
        http.Response.Headers.ETag = ClubDocuments.ETag(club);
        return TypedResults.Ok(ClubDocuments.ToDocument(club, DistrictOf(directory.Current, club.DistrictNumber), Today(clock)));
    }

    public static async Task<Results<Created<ClubDocument>, ValidationProblem, ProblemHttpResult>> CreateClub(ClubDocument doc, HttpContext http,
        ClubFinderDb db, UserManager<AppUser> users, ClubDirectory directory, Places.Gazetteer gazetteer, TimeProvider clock) =>
        await CreateAsync(doc, http, db, await Editor.FromAsync(http.User, users), directory, gazetteer, clock, suggestionId: null);

    /// <summary>Creates a club; <paramref name="suggestionId"/> names the suggestion it answers in the audit entry.</summary>
    public static async Task<Results<Created<ClubDocument>, ValidationProblem, ProblemHttpResult>> CreateAsync(ClubDocument doc, HttpContext http,
        ClubFinderDb db, Editor editor, ClubDirectory directory, Places.Gazetteer gazetteer, TimeProvider clock, long? suggestionId)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Slug == doc.Organization);
        var slugTaken = doc.Slug is not null && await db.Clubs.AnyAsync(c => c.Slug == doc.Slug);
        var districts = directory.Current.Map;
        var (errors, district) = ClubWrites.Check(doc, stored: null, organization is not null, slugTaken, districts);
        if (organization is not null && !editor.CanUse(organization)) return Forbidden();
        if (errors.Count > 0) return Problems.Invalid(errors);

        var club = db.Clubs.Add(new Club { Slug = doc.Slug!, Name = doc.Name! }).Entity;
        var written = ClubWrites.Write(db, club, doc, organization!, district, districts, editor.Actor, clock, suggestionId: suggestionId);
        try
        {
            await db.SaveChangesAsync(); // the club and its audit row in one transaction
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            return Problems.Invalid("slug", ClubWrites.SlugTaken);
        }
        await gazetteer.RebuildBaseAsync();
        http.Response.Headers.ETag = ClubDocuments.ETag(club);
        return TypedResults.Created($"/api/admin/clubs/{club.Slug}", written.After with { Version = club.Version.ToString(CultureInfo.InvariantCulture) });
    }

    public static async Task<Results<Ok<ClubDocument>, ValidationProblem, ProblemHttpResult>> PutClub(string slug, ClubDocument doc, HttpContext http,
        ClubFinderDb db, UserManager<AppUser> users, ClubDirectory directory, Places.Gazetteer gazetteer, TimeProvider clock) =>
        await SaveAsync(slug, doc, http, db, await Editor.FromAsync(http.User, users), directory, gazetteer, clock, suggestionId: null);

    /// <summary>
    /// Saves a club's document (If-Match required). Changes already tracked in <paramref name="db"/>
    /// (a suggestion being closed) are saved in the same transaction; <paramref name="suggestionId"/>
    /// names that suggestion in the audit entry.
    /// </summary>
    public static async Task<Results<Ok<ClubDocument>, ValidationProblem, ProblemHttpResult>> SaveAsync(string slug, ClubDocument doc, HttpContext http,
        ClubFinderDb db, Editor editor, ClubDirectory directory, Places.Gazetteer gazetteer, TimeProvider clock, long? suggestionId)
    {
        var club = await LoadAsync(db, slug);
        if (club is null) return Problems.NotFound($"No club '{slug}'. / Nie ma takiego klubu.");
        if (!editor.CanEdit(club)) return Forbidden();
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch))
            return TypedResults.Problem(statusCode: 428, title: Problems.TitleFor(428),
                detail: "Send the ETag you read in If-Match, so nobody's change is overwritten. / Wyślij ETag w nagłówku If-Match.");
        var today = Today(clock);
        if (ifMatch != ClubDocuments.ETag(club)) return Conflict(club, directory, today, http);

        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Slug == doc.Organization);
        var districts = directory.Current.Map;
        var (errors, district) = ClubWrites.Check(doc, club, organization is not null, slugTaken: false, districts);
        if (organization is not null && !editor.CanUse(organization)) return Forbidden();
        if (errors.Count > 0) return Problems.Invalid(errors);

        db.Entry(club).Property(c => c.Version).OriginalValue = uint.Parse(ifMatch.Trim('"'), CultureInfo.InvariantCulture);
        var written = ClubWrites.Write(db, club, doc, organization!, district, districts, editor.Actor, clock, suggestionId: suggestionId);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict((await LoadAsync(db, slug))!, directory, today, http);
        }
        // Address search suggests clubs and their streets: keep it in step with the edit.
        if (written.Changes.Intersect(["name", "address", "location", "status"]).Any())
            await gazetteer.RebuildBaseAsync();
        http.Response.Headers.ETag = ClubDocuments.ETag(club);
        return TypedResults.Ok(written.After with { Version = club.Version.ToString(CultureInfo.InvariantCulture) });
    }

    public static async Task<Results<Ok<List<HistoryEntry>>, ProblemHttpResult>> History(string slug, HttpContext http, ClubFinderDb db,
        UserManager<AppUser> users)
    {
        var editor = await Editor.FromAsync(http.User, users);
        var club = await db.Clubs.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug);
        if (club is null) return Problems.NotFound($"No club '{slug}'. / Nie ma takiego klubu.");
        if (!editor.CanEdit(club)) return Forbidden();
        var entries = await db.AuditLog.AsNoTracking().Where(a => a.Entity == "club" && a.EntityKey == slug)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).ToListAsync();
        return TypedResults.Ok(entries.Select(e =>
        {
            var before = e.Before?.Deserialize<ClubDocument>(JsonSerializerOptions.Web);
            var after = e.After?.Deserialize<ClubDocument>(JsonSerializerOptions.Web);
            var changes = before is null || after is null ? [] : ClubDocuments.ChangedFields(before, after);
            return new HistoryEntry(e.At, e.Actor, e.Action, changes, e.Before?.RootElement.Clone(), e.After?.RootElement.Clone(), e.SuggestionId);
        }).ToList());
    }

    static Task<Club?> LoadAsync(ClubFinderDb db, string slug) =>
        db.Clubs.Include(c => c.Organization).Include(c => c.Sessions).Include(c => c.Closures).AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Slug == slug);

    static ProblemHttpResult Conflict(Club current, ClubDirectory directory, DateOnly today, HttpContext http)
    {
        http.Response.Headers.ETag = ClubDocuments.ETag(current);
        return TypedResults.Problem(statusCode: 412, title: Problems.TitleFor(412),
            detail: "Someone else saved this club after you opened it. Review their version and apply your change again. / Ktoś inny zapisał ten klub w międzyczasie.",
            extensions: new Dictionary<string, object?> { ["current"] = ClubDocuments.ToDocument(current, DistrictOf(directory.Current, current.DistrictNumber), today) });
    }

    static ProblemHttpResult Forbidden() => TypedResults.Problem(statusCode: 403, title: Problems.TitleFor(403),
        detail: "This club belongs to another organization. / Ten klub należy do innej organizacji.");

    static DistrictRef? DistrictOf(DirectorySnapshot snapshot, int? number) =>
        number is { } n && snapshot.District(n) is { } d ? new DistrictRef(d.District.Number, d.District.Name) : null;

    static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Warsaw.Now(clock));
}
