using ClubFinder.Api.Admin;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Suggestions;

/// <summary>
/// The admin side: the city office sees every suggestion; an operator only the corrections about
/// its own clubs. A suggestion another editor may not see answers 404, the same as one that does not exist.
/// </summary>
public static class SuggestionQueue
{
    public static async Task<Results<Ok<List<SuggestionRow>>, ValidationProblem>> List(HttpContext http, ClubFinderDb db,
        UserManager<AppUser> users, string? status = null, string? club = null)
    {
        var editor = await Editor.FromAsync(http.User, users);
        status ??= "open";
        if (status is not ("open" or "closed" or "all")) return Problems.Invalid("status", "open, closed albo all. / open, closed or all.");
        var query = Visible(db, editor);
        query = status switch
        {
            "open" => query.Where(s => s.Status == SuggestionStatus.Open),
            "closed" => query.Where(s => s.Status != SuggestionStatus.Open),
            _ => query,
        };
        if (club is not null) query = query.Where(s => s.Club != null && s.Club.Slug == club);
        var rows = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(500).ToListAsync();
        return TypedResults.Ok(rows.Select(ToRow).ToList());
    }

    public static async Task<Results<Ok<SuggestionRow>, ProblemHttpResult>> Get(long id, HttpContext http, ClubFinderDb db, UserManager<AppUser> users)
    {
        var editor = await Editor.FromAsync(http.User, users);
        var suggestion = await Visible(db, editor).SingleOrDefaultAsync(s => s.Id == id);
        return suggestion is null ? NotFound(id) : TypedResults.Ok(ToRow(suggestion));
    }

    public static async Task<Results<Ok<SuggestionRow>, ValidationProblem, ProblemHttpResult>> Dismiss(long id, DismissRequest request,
        HttpContext http, ClubFinderDb db, UserManager<AppUser> users, TimeProvider clock)
    {
        var editor = await Editor.FromAsync(http.User, users);
        var suggestion = await Visible(db, editor).AsTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (suggestion is null) return NotFound(id);
        if (suggestion.Status != SuggestionStatus.Open) return AlreadyClosed(suggestion);
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Problems.Invalid("reason", "Podaj powód odrzucenia. / Give a reason for dismissing.");
        if (reason.Length > SuggestionRules.MaxReason)
            return Problems.Invalid("reason", $"Najwyżej {SuggestionRules.MaxReason} znaków. / At most {SuggestionRules.MaxReason} characters.");
        Close(db, suggestion, editor, SuggestionStatus.Dismissed, reason, clock);
        await db.SaveChangesAsync();
        return TypedResults.Ok(ToRow(suggestion));
    }

    /// <summary>A correction is accepted by saving its club through the one club write path, with the suggestion's id in the audit entry.</summary>
    public static async Task<Results<Ok<ClubDocument>, ValidationProblem, ProblemHttpResult>> AcceptCorrection(long id, ClubDocument doc,
        HttpContext http, ClubFinderDb db, UserManager<AppUser> users, ClubDirectory directory, Places.Gazetteer gazetteer, TimeProvider clock)
    {
        var editor = await Editor.FromAsync(http.User, users);
        var suggestion = await Visible(db, editor).AsTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (suggestion is null) return NotFound(id);
        if (suggestion.Status != SuggestionStatus.Open) return AlreadyClosed(suggestion);
        if (suggestion.Kind != SuggestionKind.Correction || suggestion.Club is null)
            return Problems.Invalid("kind", "To zgłoszenie nie dotyczy istniejącego klubu. / This suggestion is not about a listed club.");
        Close(db, suggestion, editor, SuggestionStatus.Accepted, null, clock);
        return await AdminClubEndpoints.SaveAsync(suggestion.Club.Slug, doc, http, db, editor, directory, gazetteer, clock, suggestion.Id);
    }

    public static async Task<Results<Created<ClubDocument>, ValidationProblem, ProblemHttpResult>> AcceptMissingClub(long id, ClubDocument doc,
        HttpContext http, ClubFinderDb db, UserManager<AppUser> users, ClubDirectory directory, Places.Gazetteer gazetteer, TimeProvider clock)
    {
        var editor = await Editor.FromAsync(http.User, users);
        var suggestion = await Visible(db, editor).AsTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (suggestion is null) return NotFound(id);
        if (suggestion.Status != SuggestionStatus.Open) return AlreadyClosed(suggestion);
        if (suggestion.Kind != SuggestionKind.MissingClub)
            return Problems.Invalid("kind", "To zgłoszenie jest poprawką istniejącego klubu. / This suggestion is a correction of a listed club.");
        Close(db, suggestion, editor, SuggestionStatus.Accepted, null, clock);
        return await AdminClubEndpoints.CreateAsync(doc, http, db, editor, directory, gazetteer, clock, suggestion.Id);
    }

    /// <summary>Operators see corrections about their own organization's clubs; missing-club reports are the city office's.</summary>
    static IQueryable<Suggestion> Visible(ClubFinderDb db, Editor editor) =>
        db.Set<Suggestion>().AsNoTracking().Include(s => s.Club)
            .Where(s => editor.IsAdmin || (s.Kind == SuggestionKind.Correction && s.Club != null && s.Club.OrganizationId == editor.OrganizationId));

    /// <summary>Closing deletes the e-mail address: it was kept only to answer, and the answer is the closing.</summary>
    static void Close(ClubFinderDb db, Suggestion suggestion, Editor editor, string status, string? reason, TimeProvider clock)
    {
        suggestion.Status = status;
        suggestion.Email = null;
        suggestion.ClosedAt = clock.GetUtcNow().ToUniversalTime();
        suggestion.ClosedBy = editor.Actor;
        suggestion.CloseReason = reason;
        Audit.Record(db, editor.Actor, "suggestion", suggestion.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), status == SuggestionStatus.Accepted ? "accept" : "dismiss",
            null, new { status, reason, club = suggestion.Club?.Slug }, clock, suggestion.Id);
    }

    static SuggestionRow ToRow(Suggestion s) => new(s.Id, s.Kind, s.Status, s.Club is null ? null : new SuggestionClubRef(s.Club.Slug, s.Club.Name),
        s.Topic, s.Text, s.ClubName, s.Place, s.OperatorName, s.Link, s.Email, s.CreatedAt, s.ClosedAt, s.ClosedBy, s.CloseReason);

    static ProblemHttpResult NotFound(long id) => Problems.NotFound($"No suggestion {id}. / Nie ma takiego zgłoszenia.");

    static ProblemHttpResult AlreadyClosed(Suggestion s) => TypedResults.Problem(statusCode: 409, title: Problems.TitleFor(409),
        detail: $"To zgłoszenie jest już zamknięte ({s.Status}). / This suggestion is already closed ({s.Status}).");
}
