using System.Data;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClubFinder.Api.Places;

public class PlaceIndexOptions
{
    public const string Section = "Places";

    /// <summary>How often `places` is checked for writes made elsewhere (another instance, a command-line import).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>What `places` held when an index was loaded: any insert, delete or upsert changes one of them.</summary>
public readonly record struct PlaceVersion(long Count, long MaxId, DateTime? LastFetched);

/// <summary>
/// The gazetteer in memory, so suggestions as a person types never wait for the database (which,
/// asked on every keystroke, became the bottleneck). A reload builds a new immutable
/// <see cref="PlaceSnapshot"/> and swaps it in; only the very first search waits for a load.
/// Writes in this process reload at once (<see cref="ChangedAsync"/>), others are noticed by
/// <see cref="RefreshAsync"/>, which <see cref="PlaceIndexRefresher"/> runs every minute.
/// </summary>
public sealed class PlaceIndex(NpgsqlDataSource dataSource, ILogger<PlaceIndex> logger)
{
    const string VersionSql = "SELECT count(*), coalesce(max(id), 0), max(fetched_at) FROM places";

    // Address points come grouped by street and sorted by house number, as the index keeps them.
    const string LoadSql = VersionSql + """
        ;
        SELECT label, kind, normalized, house_number, postcode, source, ST_Y(geom), ST_X(geom) FROM places WHERE kind <> 'address';
        SELECT label, normalized, house_number, postcode, source, ST_Y(geom), ST_X(geom) FROM places
        WHERE kind = 'address' AND geom IS NOT NULL
        ORDER BY normalized COLLATE "C", house_number COLLATE "C";
        """;

    PlaceSnapshot? current;
    readonly SemaphoreSlim gate = new(1, 1);
    long asked, loaded;

    /// <summary>The index; only the first call in a process waits for it to load.</summary>
    public async ValueTask<PlaceSnapshot> CurrentAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref current) is { } snapshot) return snapshot;
        await ReloadAsync(ct);
        return Volatile.Read(ref current)!;
    }

    /// <summary>Loads `places` anew. Callers that ask while a load runs share the next one, which starts after they asked.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        var ticket = Interlocked.Increment(ref asked);
        await gate.WaitAsync(ct);
        try
        {
            if (Volatile.Read(ref loaded) >= ticket) return;
            var upTo = Volatile.Read(ref asked);
            var watch = Stopwatch.StartNew();
            var snapshot = await LoadAsync(ct);
            Volatile.Write(ref current, snapshot);
            Volatile.Write(ref loaded, upTo);
            logger.LogInformation("Place index loaded: {Names} names, {Addresses} address points in {Ms} ms",
                snapshot.NameCount, snapshot.AddressCount, watch.ElapsedMilliseconds);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// After this process wrote `places` (and committed): reloads, so the write is searchable when the caller returns.
    /// A process that never searched (a command-line import) has nothing to reload. Never fails the caller: the write
    /// is done, so a reload that fails (the database gone for a moment, the request aborted) is left to the background
    /// and to the next check of the places, and the caller still reports success.
    /// </summary>
    public async Task ChangedAsync(CancellationToken ct = default)
    {
        if (Interlocked.Read(ref asked) == 0) return;
        try
        {
            await ReloadAsync(ct);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not reload the place index after a write; trying again in the background");
            Changed();
        }
    }

    /// <summary>As <see cref="ChangedAsync"/>, in the background: for a request that should not wait for a reload.</summary>
    public void Changed() => _ = Task.Run(async () =>
    {
        try
        {
            if (Interlocked.Read(ref asked) > 0) await ReloadAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not reload the place index; the next check of the places tries again");
        }
    });

    /// <summary>Reloads when `places` is no longer what the index was loaded from (a cheap probe otherwise).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref current) is not { } snapshot) return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(VersionSql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        if (ReadVersion(reader) != snapshot.Version) await ReloadAsync(ct);
    }

    async Task<PlaceSnapshot> LoadAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var command = new NpgsqlCommand(LoadSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var version = ReadVersion(reader);

        // One string per distinct house number, postcode and source, not one per point.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Pooled(int column)
        {
            if (reader.IsDBNull(column)) return null;
            var text = reader.GetString(column);
            if (pool.TryGetValue(text, out var shared)) return shared;
            pool[text] = text;
            return text;
        }
        double? Number(int column) => reader.IsDBNull(column) ? null : reader.GetDouble(column);

        await reader.NextResultAsync(ct);
        var names = new List<PlaceName>();
        while (await reader.ReadAsync(ct))
            names.Add(new PlaceName(reader.GetString(0), Pooled(1)!, reader.GetString(2), Pooled(3), Pooled(4), Pooled(5)!, Number(6), Number(7)));

        await reader.NextResultAsync(ct);
        var streets = new List<string>();
        var addresses = new List<AddressPoint>();
        while (await reader.ReadAsync(ct))
        {
            var street = reader.GetString(1);
            if (streets.Count == 0 || streets[^1] != street) streets.Add(street);
            addresses.Add(new AddressPoint(reader.GetString(0), Pooled(2), Pooled(3), Pooled(4)!, reader.GetDouble(5), reader.GetDouble(6), streets.Count - 1));
        }
        return new PlaceSnapshot(version, names, addresses.ToArray(), streets.ToArray());
    }

    static PlaceVersion ReadVersion(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2));
}

/// <summary>Notices writes to `places` made outside this process (another instance, `import-places`) within a minute.</summary>
public sealed class PlaceIndexRefresher(PlaceIndex index, IOptions<PlaceIndexOptions> options, ILogger<PlaceIndexRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await index.RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The loaded index keeps answering; the next tick tries again.
                    logger.LogWarning(e, "Could not check the places for changes");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
