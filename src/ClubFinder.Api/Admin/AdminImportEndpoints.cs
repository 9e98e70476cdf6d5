using System.Security.Cryptography;
using System.Text;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Api.Export;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Api.Places;
using ClubFinder.Api.Schedules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Admin;

public record ImportRowOutcome(int Row, string? Slug, string Outcome, IReadOnlyList<string> Changes, IReadOnlyList<string> Errors);
public record ImportPreview(string PreviewHash, int New, int Changed, int Unchanged, int Invalid, IReadOnlyList<ImportRowOutcome> Rows, bool Committed);

public static class AdminImportEndpoints
{
    public static RouteGroupBuilder MapAdminImport(this RouteGroupBuilder admin)
    {
        admin.MapPost("/import/clubs", Import).WithName("AdminImportClubs")
            .WithSummary("CSV upload of clubs (the export's columns). mode=preview lists every row's outcome; mode=commit applies exactly " +
                         "that preview (send its previewHash) in one transaction; invalid rows stop the commit unless skipInvalid=true.")
            .RequireAuthorization(AuthSetup.AdminPolicy)
            .Accepts<string>("text/csv");
        return admin;
    }

    /// <summary>Imports clubs from CSV.</summary>
    /// <param name="mode">preview (default) or commit.</param>
    /// <param name="previewHash">With commit: the previewHash of the preview being committed.</param>
    /// <param name="skipInvalid">With commit: apply the valid rows and skip the invalid ones.</param>
    public static async Task<Results<Ok<ImportPreview>, ValidationProblem, ProblemHttpResult>> Import(HttpContext http, ClubFinderDb db,
        UserManager<AppUser> users, ClubDirectory directory, Gazetteer gazetteer, TimeProvider clock, IOptions<LimitsOptions> limits,
        CancellationToken ct, string? mode = null, string? previewHash = null, string? skipInvalid = null)
    {
        if (mode is not (null or "preview" or "commit")) return Problems.Invalid("mode", "mode is preview or commit.");
        var maxBytes = limits.Value.CsvBodyBytes;
        var body = await ReadBodyAsync(http, maxBytes);
        if (body is null) return TypedResults.Problem(statusCode: 413, title: Problems.TitleFor(413), detail: $"At most {maxBytes} bytes of CSV.");
        var rows = Csv.Read(new StringReader(body)).ToList();
        if (rows.Count == 0 || !rows[0].ContainsKey("slug"))
            return Problems.Invalid("file", "Expected a CSV with a header row including 'slug' (the columns of /api/export/clubs.csv).");

        var today = Warsaw.Today(clock);
        var existing = await db.Clubs.Include(c => c.Organization).Include(c => c.Sessions).Include(c => c.Closures).AsSplitQuery()
            .ToDictionaryAsync(c => c.Slug);
        var organizations = await db.Organizations.ToDictionaryAsync(o => o.Slug);
        var slugsByName = organizations.Values.GroupBy(o => o.Name).ToDictionary(g => g.Key, g => g.First().Slug);
        var districts = directory.Current.Map;
        var outcomes = new List<ImportRowOutcome>();
        var planned = new List<(ClubDocument Doc, Club? Club, int? District)>();
        var seen = new HashSet<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var slug = rows[i].GetValueOrDefault("slug")?.Trim();
            var club = slug is null ? null : existing.GetValueOrDefault(slug);
            var current = club is null ? null : ClubDocuments.ToDocument(club, null, today) with { District = null, Version = null, Stale = false };
            var (doc, errors) = ClubCsv.ToDocument(rows[i], current, slugsByName);
            int? district = null;
            if (doc is not null)
            {
                (var fieldErrors, district) = ClubWrites.Check(doc, club, doc.Organization is { } o && organizations.ContainsKey(o), slugTaken: false, districts);
                errors.AddRange(fieldErrors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
                if (!seen.Add(doc.Slug!)) errors.Add($"slug: '{doc.Slug}' appears twice in the file");
            }
            if (errors.Count > 0)
            {
                outcomes.Add(new ImportRowOutcome(i + 2, slug, "error", [], errors));
                continue;
            }
            var changes = current is null ? [] : ClubDocuments.ChangedFields(current, doc! with { Sessions = current.Sessions, Closures = current.Closures });
            var outcome = current is null ? "new" : changes.Count == 0 ? "unchanged" : "changed";
            outcomes.Add(new ImportRowOutcome(i + 2, slug, outcome, changes, []));
            if (outcome != "unchanged") planned.Add((doc!, club, district));
        }

        // The hash binds the commit to this file and to the versions of the clubs it touches, so a
        // different file, or a club saved by someone else since the preview, cannot be committed.
        var versions = string.Join(',', planned.Where(p => p.Club is not null).Select(p => $"{p.Club!.Slug}:{p.Club.Version}"));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body + "\n" + versions))).ToLowerInvariant()[..32];
        var preview = new ImportPreview(hash, outcomes.Count(o => o.Outcome == "new"), outcomes.Count(o => o.Outcome == "changed"),
            outcomes.Count(o => o.Outcome == "unchanged"), outcomes.Count(o => o.Outcome == "error"), outcomes, Committed: false);
        if (mode != "commit") return TypedResults.Ok(preview);

        if (previewHash != hash)
            return TypedResults.Problem(statusCode: 409, title: Problems.TitleFor(409),
                detail: "The file or the data changed since the preview: preview again, then commit. / Dane zmieniły się od podglądu.");
        if (preview.Invalid > 0 && skipInvalid != "true")
            return TypedResults.Problem(statusCode: 400, title: Problems.TitleFor(400),
                detail: $"{preview.Invalid} row(s) are invalid: fix them, or commit with skipInvalid=true. Nothing was written.");

        var editor = await Editor.FromAsync(http.User, users);
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var (doc, existingClub, district) in planned)
        {
            var club = existingClub ?? db.Clubs.Add(new Club { Slug = doc.Slug!, Name = doc.Name! }).Entity;
            ClubWrites.Write(db, club, doc, organizations[doc.Organization!], district, districts, editor.Actor, clock, source: "import");
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(statusCode: 409, title: Problems.TitleFor(409),
                detail: "A club in the file was saved by someone else meanwhile: preview again, then commit. Nothing was written.");
        }
        await transaction.CommitAsync();
        if (planned.Count > 0) await gazetteer.RebuildBaseAsync();
        return TypedResults.Ok(preview with { Committed = true });
    }

    static async Task<string?> ReadBodyAsync(HttpContext http, int maxBytes)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var buffer = new char[maxBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, http.RequestAborted);
        return read > maxBytes ? null : new string(buffer, 0, read);
    }
}
