using System.Globalization;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Suggestions;

public static class SuggestionEndpoints
{
    public static IServiceCollection AddClubFinderSuggestions(this IServiceCollection services, bool runCleanup)
    {
        services.AddOptions<SuggestionOptions>().BindConfiguration(SuggestionOptions.Section);
        services.AddSingleton<SuggestionLimiter>();
        if (runCleanup) services.AddHostedService<SuggestionCleanup>();
        return services;
    }

    public static IEndpointRouteBuilder MapSuggestions(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Suggestions")
            .MapPost("/suggestions", Send).WithName("SendSuggestion")
            .WithSummary("A correction for a listed club, or a club we don't list (anonymous, a few an hour per client, text only).");

        // Same conventions as the rest of /api/admin: signed in, antiforgery on cookie writes, never cached.
        var admin = app.MapGroup("/api/admin/suggestions").WithTags("Admin")
            .RequireAuthorization(AuthSetup.EditorPolicy)
            .RequireAntiforgeryForCookies()
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        admin.MapGet("", SuggestionQueue.List).WithName("AdminListSuggestions")
            .WithSummary("The suggestions queue: all for Admin; for an Operator the corrections about its own clubs. status=open (default), closed or all.");
        admin.MapGet("/{id:long}", SuggestionQueue.Get).WithName("AdminGetSuggestion").WithSummary("One suggestion.");
        admin.MapPost("/{id:long}/dismiss", SuggestionQueue.Dismiss).WithName("AdminDismissSuggestion")
            .WithSummary("Closes a suggestion without a change; a reason is required. Deletes the sender's e-mail address.");
        admin.MapPut("/{id:long}/club", SuggestionQueue.AcceptCorrection).WithName("AdminAcceptCorrection")
            .WithSummary("Accepts a correction by saving its club's document (as PUT /api/admin/clubs/{slug}, If-Match required); the audit entry names the suggestion.");
        admin.MapPost("/{id:long}/club", SuggestionQueue.AcceptMissingClub).WithName("AdminAcceptMissingClub")
            .WithSummary("Accepts a missing-club report by creating the club (Admin only); the audit entry names the suggestion.");
        return app;
    }

    public static async Task<Results<Accepted<SuggestionReceipt>, ValidationProblem, ProblemHttpResult>> Send(SuggestionRequest request,
        HttpContext http, ClubFinderDb db, ClubDirectory directory, SuggestionLimiter limiter, TimeProvider clock, IOptions<SuggestionOptions> options,
        ClubFinderMetrics metrics)
    {
        if (http.Request.Body.CanSeek && http.Request.Body.Length > options.Value.MaxBodyBytes)
            return TypedResults.Problem(statusCode: 413, title: Problems.TitleFor(413),
                detail: $"Zgłoszenie może mieć najwyżej {options.Value.MaxBodyBytes} bajtów. / A suggestion may be at most {options.Value.MaxBodyBytes} bytes.");
        // Counted before anything else, so a robot trying variations learns nothing faster.
        if (limiter.TryAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown") is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: 429, title: Problems.TitleFor(429),
                detail: $"Za dużo zgłoszeń: spróbuj ponownie za {seconds / 60 + 1} min. / Too many suggestions: try again in {seconds / 60 + 1} min.");
        }
        // The honeypot is refused without saying why.
        if (!string.IsNullOrEmpty(request.Website))
            return TypedResults.Problem(statusCode: 400, title: Problems.TitleFor(400),
                detail: "Nie przyjęto zgłoszenia. / The suggestion was not accepted.");
        var errors = SuggestionRules.Validate(request, directory.Current, out var suggestion);
        if (errors.Count > 0) return Problems.Invalid(errors);
        suggestion!.CreatedAt = clock.GetUtcNow().ToUniversalTime();
        db.Add(suggestion);
        await db.SaveChangesAsync();
        metrics.SuggestionReceived(suggestion.Kind);
        return TypedResults.Accepted((string?)null, new SuggestionReceipt(true, options.Value.EmailRetentionDays));
    }
}
