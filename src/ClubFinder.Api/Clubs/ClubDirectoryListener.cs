using Microsoft.Extensions.Options;
using Npgsql;

namespace ClubFinder.Api.Clubs;

public class DirectoryOptions
{
    public const string Section = "Directory";

    /// <summary>The safety net: a full reload this often even without notifications.</summary>
    public TimeSpan FullReloadInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle LISTEN connection is checked, so a silently dropped one is replaced.</summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Notifications arriving within this window are folded into one reload.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Changes naming up to this many clubs update only them; more reload everything.</summary>
    public int MaxIncrementalClubs { get; set; } = 500;
}

/// <summary>
/// LISTENs on the channel the database triggers NOTIFY (see the migrations), and updates the
/// <see cref="ClubDirectory"/> so every app instance sees a write within a second: only the clubs a
/// notification names, or a full reload for anything else (and every few minutes as a safety net). Reconnects
/// after a lost connection and reloads then, since notifications sent meanwhile are lost. It also makes the
/// first load, before the app takes requests: listening first and loading second, nothing written between
/// the two is missed, and the directory is read once at start-up.
/// </summary>
public sealed class ClubDirectoryListener(
    NpgsqlDataSource dataSource, ClubDirectory directory, IOptions<DirectoryOptions> options, ILogger<ClubDirectoryListener> logger)
    : BackgroundService
{
    public const string Channel = "clubfinder_changed";

    /// <summary>The listening connection's <c>application_name</c>, so operators (and tests) can find it in pg_stat_activity.</summary>
    public const string ApplicationName = "clubfinder-listener";

    NpgsqlConnection? startupConnection;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        startupConnection = await ListenAndLoadAsync(cancellationToken);
        directory.ReturnMemoryIfLoadsChangedALot();
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        Interlocked.Exchange(ref startupConnection, null)?.Dispose();
        base.Dispose();
    }

    /// <summary>Listens first and loads second, so nothing written in between is missed.</summary>
    async Task<NpgsqlConnection> ListenAndLoadAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using (var listen = new NpgsqlCommand($"SET application_name = '{ApplicationName}'; LISTEN {Channel}", connection))
                await listen.ExecuteNonQueryAsync(ct);
            await directory.ReloadAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The start-up connection has listened and loaded; after a lost one, listen and load again.
                var connection = Interlocked.Exchange(ref startupConnection, null) ?? await ListenAndLoadAsync(stoppingToken);
                await using (connection)
                {
                    retryDelay = TimeSpan.FromSeconds(1);
                    await ListenAsync(connection, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                directory.MarkStale();
                logger.LogWarning(e, "Lost the change notifications; reconnecting in {Delay}", retryDelay);
                await Task.Delay(retryDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    async Task ListenAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var settings = options.Value;
        var nextFullReload = DateTime.UtcNow + settings.FullReloadInterval;
        // A notification that arrives while the keep-alive query runs is raised only as this event,
        // never by a later WaitAsync: without it, a change made during a ping would wait for the safety net.
        var notifiedDuringPing = 0;
        var payloads = new System.Collections.Concurrent.ConcurrentQueue<string>();
        connection.Notification += (_, e) =>
        {
            payloads.Enqueue(e.Payload);
            Volatile.Write(ref notifiedDuringPing, 1);
        };
        while (!ct.IsCancellationRequested)
        {
            var changed = await connection.WaitAsync(settings.KeepAlive, ct);
            if (!changed)
            {
                // A half-open connection would wait silently forever: a query on it fails instead.
                Volatile.Write(ref notifiedDuringPing, 0);
                await using var ping = new NpgsqlCommand("SELECT 1", connection);
                await ping.ExecuteScalarAsync(ct);
                changed = Volatile.Read(ref notifiedDuringPing) == 1;
                if (!changed) directory.ReturnMemoryIfLoadsChangedALot();
            }
            if (changed)
            {
                // A burst of statements (an import, a save with children) becomes one reload.
                while (await connection.WaitAsync(settings.Debounce, ct)) { }
                if (ClubsNamedBy(payloads) is { } ids && ids.Count <= settings.MaxIncrementalClubs)
                {
                    await directory.UpdateClubsAsync(ids, ct);
                    continue;
                }
            }
            else if (DateTime.UtcNow < nextFullReload)
            {
                continue;
            }
            payloads.Clear();
            await directory.ReloadAsync(ct);
            nextFullReload = DateTime.UtcNow + settings.FullReloadInterval;
        }
    }

    /// <summary>
    /// The clubs the queued notifications name (<c>clubs 12,40</c>), or null when any asks for a full
    /// reload: another table (districts, organizations), a truncate, or a statement touching many clubs.
    /// </summary>
    internal static HashSet<int>? ClubsNamedBy(System.Collections.Concurrent.ConcurrentQueue<string> payloads)
    {
        HashSet<int>? ids = [];
        while (payloads.TryDequeue(out var payload))
        {
            if (ids is null) continue;
            if (!payload.StartsWith("clubs ", StringComparison.Ordinal)) { ids = null; continue; }
            foreach (var part in payload.AsSpan(6).ToString().Split(','))
            {
                if (int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)) ids.Add(id);
                else { ids = null; break; }
            }
        }
        return ids;
    }
}
