using ClubFinder.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Suggestions;

/// <summary>
/// Deletes e-mail addresses older than the retention period (90 days) from suggestions still open;
/// closing a suggestion deletes its address at once. Runs at start and then every hour on the app's
/// TimeProvider.
/// </summary>
public sealed class SuggestionCleanup(IServiceScopeFactory scopes, TimeProvider clock, IOptions<SuggestionOptions> options,
    ILogger<SuggestionCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deleted = await PurgeExpiredEmailsAsync(scope.ServiceProvider.GetRequiredService<ClubFinderDb>(), clock,
                    options.Value.EmailRetentionDays, stoppingToken);
                if (deleted > 0) logger.LogInformation("Deleted the e-mail address of {Count} suggestions older than {Days} days.", deleted, options.Value.EmailRetentionDays);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away; the next tick tries again.
                logger.LogWarning(e, "Suggestion clean-up failed; retrying at the next interval.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public static Task<int> PurgeExpiredEmailsAsync(ClubFinderDb db, TimeProvider clock, int retentionDays, CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().ToUniversalTime().AddDays(-retentionDays);
        return db.Set<Suggestion>().Where(s => s.Email != null && s.CreatedAt <= cutoff)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Email, (string?)null), ct);
    }
}
