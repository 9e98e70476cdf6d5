using ClubFinder.Api.Clubs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ClubFinder.Api.Infrastructure;

public static class HealthCheckSetup
{
    public static IServiceCollection AddClubFinderHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<DirectoryHealthCheck>("directory", tags: ["ready"]);
        return services;
    }

    public static void MapClubFinderHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithTags("Health");
    }
}

sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}

sealed class DirectoryHealthCheck(ClubDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(!directory.IsLoaded ? HealthCheckResult.Unhealthy("The club directory is not loaded yet.")
            // After an outage the database may answer before the directory has caught up with it.
            : directory.IsStale ? HealthCheckResult.Unhealthy("The club directory is reloading after losing the database.")
            : HealthCheckResult.Healthy($"{directory.Current.Clubs.Count} clubs, loaded {directory.Current.LoadedAt:O}"));
}
