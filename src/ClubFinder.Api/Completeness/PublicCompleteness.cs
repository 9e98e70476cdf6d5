using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;
using ClubFinder.Api.Schedules;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClubFinder.Api.Completeness;

public class CompletenessOptions
{
    public const string Section = "Completeness";

    /// <summary>How many clubs the city reports, so pages can say how complete the list is.</summary>
    public int ReportedClubCount { get; set; } = 50;
}

/// <summary>
/// The public pages' "N of about 50 clubs": the totals of the completeness report the city office
/// reads, counted again only when the club directory has changed.
/// </summary>
public sealed class PublicCompleteness(NpgsqlDataSource data, ClubDirectory directory, TimeProvider clock, IOptions<CompletenessOptions> options)
{
    sealed record Counted(string DirectoryTag, CompletenessTotals Totals);

    Counted? counted;

    public async Task<CompletenessTotals> TotalsAsync(CancellationToken ct)
    {
        var snapshot = directory.Current; // read first: a change while counting makes the next request count again
        if (Volatile.Read(ref counted) is { } last && last.DirectoryTag == snapshot.Tag) return last.Totals;
        try
        {
            var report = await CompletenessReport.LoadAsync(data, Warsaw.Today(clock), organizationId: null, @operator: null,
                options.Value.ReportedClubCount, ct);
            Volatile.Write(ref counted, new Counted(snapshot.Tag, report.Totals));
            return report.Totals;
        }
        catch (Exception e) when (DatabaseUnavailableHandler.IsDatabaseUnavailable(e))
        {
            // Public pages go on from memory while the database is away: the directory's counts, which
            // are those of the clubs the pages list now (an earlier count may be of older data).
            return new CompletenessTotals(options.Value.ReportedClubCount, snapshot.Clubs.Count + snapshot.UnlocatedCount,
                snapshot.Clubs.Count, 0, 0, 0, 0, 0, 0);
        }
    }
}
