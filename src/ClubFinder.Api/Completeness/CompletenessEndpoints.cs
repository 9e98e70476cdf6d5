using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Api.Schedules;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClubFinder.Api.Completeness;

/// <summary>
/// What is missing, per club and per operator, for the city office (all clubs) and for an
/// operator (its own): the JSON view, a CSV and a printable one-page request per operator.
/// </summary>
public static class CompletenessEndpoints
{
    public static IEndpointRouteBuilder MapCompleteness(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Admin")
            .RequireAuthorization(AuthSetup.EditorPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        admin.MapGet("/completeness", Get).WithName("AdminCompleteness")
            .WithSummary("What each club lacks (no point, approximate point, no timetable, no contacts, no description, not verified for 180 days, open suggestions), with totals and per-operator counts. Admin: all clubs (operator= filters); Operator: its own.");
        admin.MapGet("/completeness.csv", Csv).WithName("AdminCompletenessCsv")
            .WithSummary("The same per club as CSV (UTF-8 with BOM, semicolon-separated gaps).");
        admin.MapGet("/completeness/request/{operator}", PrintableRequest).WithName("AdminCompletenessRequest")
            .WithSummary("A printable one-page (A4) request to an operator listing its clubs and exactly what is missing, with how to sign in.");
        return app;
    }

    public static async Task<Results<Ok<CompletenessReport>, ValidationProblem>> Get(HttpContext http, NpgsqlDataSource data,
        UserManager<AppUser> users, TimeProvider clock, IOptions<CompletenessOptions> options, string? @operator = null, string? missing = null)
    {
        if (missing is not null && !Gap.All.Contains(missing))
            return Problems.Invalid("missing", $"Jedno z: {string.Join(", ", Gap.All)}. / One of: {string.Join(", ", Gap.All)}.");
        var report = await ComputeAsync(http, data, users, clock, options.Value, @operator);
        if (missing is not null) report = report with { Clubs = report.Clubs.Where(c => c.Missing.Contains(missing)).ToList() };
        return TypedResults.Ok(report);
    }

    public static async Task<IResult> Csv(HttpContext http, NpgsqlDataSource data, UserManager<AppUser> users, TimeProvider clock,
        IOptions<CompletenessOptions> options, string? @operator = null)
    {
        var report = await ComputeAsync(http, data, users, clock, options.Value, @operator);
        var csv = new StringBuilder("\uFEFFoperator,operator_name,club,club_name,status,last_verified_at,open_suggestions,missing\r\n");
        foreach (var c in report.Clubs)
            csv.AppendJoin(',', [Field(c.Organization), Field(c.OrganizationName), Field(c.Slug), Field(c.Name), c.Status, c.LastVerifiedAt ?? "",
                c.OpenSuggestions.ToString(CultureInfo.InvariantCulture), Field(string.Join(';', c.Missing))]).Append("\r\n");
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "completeness.csv");
    }

    public static async Task<IResult> PrintableRequest(string @operator, HttpContext http, NpgsqlDataSource data, UserManager<AppUser> users,
        TimeProvider clock, IOptions<CompletenessOptions> options, IOptions<AppOptions> app)
    {
        var report = await ComputeAsync(http, data, users, clock, options.Value, @operator);
        if (report.Operators.Count == 0) return Problems.NotFound($"No clubs of '{@operator}'. / Brak klubów tego prowadzącego.");
        var html = CompletenessRequest.Render(report, report.Operators[0], app.Value.PublicBaseUrl, DateOnly.FromDateTime(Warsaw.Now(clock)));
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    static async Task<CompletenessReport> ComputeAsync(HttpContext http, NpgsqlDataSource data, UserManager<AppUser> users, TimeProvider clock,
        CompletenessOptions options, string? @operator)
    {
        var editor = await Editor.FromAsync(http.User, users);
        var today = DateOnly.FromDateTime(Warsaw.Now(clock));
        return await CompletenessReport.LoadAsync(data, today, editor.IsAdmin ? null : editor.OrganizationId ?? -1, @operator,
            options.ReportedClubCount, http.RequestAborted);
    }

    static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@') ? "'" : "") + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
