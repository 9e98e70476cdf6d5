using ClubFinder.Api.Data;
using ClubFinder.Api.Districts;
using Dapper;
using ClubFinder.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries.Prepared;

namespace ClubFinder.Api.Clubs;

/// <summary>One public club as held in memory: the detached entity plus what searches need.</summary>
public sealed class DirectoryClub(Club club, DistrictRef? district, string searchText)
{
    public Club Club { get; } = club;
    public DistrictRef? District { get; } = district;
    public string SearchText { get; } = searchText;
    /// <summary>The club's point, copied out of its geometry once: every nearest and map read compares them.</summary>
    public double Lat { get; } = club.Location!.Y;
    public double Lon { get; } = club.Location!.X;

    /// <summary>The summary of the current minute (see <see cref="ClubMapping.ToSummary"/>): a field, not a weak table,
    /// since a weak table's handle per club slows every collection once there are tens of thousands.</summary>
    internal object? SummaryMemo;
}

public sealed record DirectoryDistrict(District District, IPreparedGeometry Prepared, int ClubCount);

/// <summary>An immutable picture of all public data; requests read it without touching the database.</summary>
public sealed class DirectorySnapshot
{
    public static readonly DirectorySnapshot Empty = new([], [], 0, 0, DateTimeOffset.MinValue);

    public DirectorySnapshot(IReadOnlyList<DirectoryClub> clubs, IReadOnlyList<DirectoryDistrict> districts,
        int unlocatedCount, long version, DateTimeOffset loadedAt, string? contentFingerprint = null)
    {
        ContentFingerprint = contentFingerprint;
        Clubs = clubs;
        Districts = districts;
        UnlocatedCount = unlocatedCount;
        Version = version;
        LoadedAt = loadedAt;
        BySlug = clubs.ToDictionary(c => c.Club.Slug, StringComparer.OrdinalIgnoreCase);
        ByDistrict = clubs.Where(c => c.District is not null).GroupBy(c => c.District!.Number)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<DirectoryClub>)g.ToArray());
        Grid = new ClubGrid(clubs);
        Map = new DistrictMap(districts.Select(d => (d.District, d.Prepared)));
        // Unique to this process and load, so two app instances never share a tag for different data.
        Tag = $"{InstanceTag}{version:x}";
    }

    static readonly string InstanceTag = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.NextInt64()))[..8].ToLowerInvariant() + "-";

    /// <summary>Listed clubs (located, not closed), sorted by name.</summary>
    public IReadOnlyList<DirectoryClub> Clubs { get; }
    public IReadOnlyDictionary<string, DirectoryClub> BySlug { get; }
    /// <summary>Each district's listed clubs, in the same (name) order.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<DirectoryClub>> ByDistrict { get; }
    public ClubGrid Grid { get; }
    /// <summary>Names this snapshot in ETags: it changes with every load that changed something.</summary>
    public string Tag { get; }

    public IReadOnlyList<DirectoryClub> InDistrict(int number) => ByDistrict.GetValueOrDefault(number) ?? [];
    public IReadOnlyList<DirectoryDistrict> Districts { get; }
    /// <summary>Known clubs still waiting for a point, so pages can say what is missing.</summary>
    public int UnlocatedCount { get; }
    public long Version { get; }
    public DateTimeOffset LoadedAt { get; }
    /// <summary>What the tables held when a full load began (see <see cref="ClubDirectory.ReloadAsync"/>);
    /// null for a snapshot an incremental update made, which only the next full load can vouch for.</summary>
    public string? ContentFingerprint { get; }

    /// <summary>The districts' polygons: which district a point lies in.</summary>
    public DistrictMap Map { get; }

    public DirectoryDistrict? DistrictAt(double lat, double lon) => Map.At(lat, lon) is { } d ? District(d.Number) : null;

    public DirectoryDistrict? District(int number) => Districts.FirstOrDefault(d => d.District.Number == number);
}

/// <summary>
/// Holds the current <see cref="DirectorySnapshot"/> and swaps it atomically on reload
/// (triggered by <see cref="ClubDirectoryListener"/>).
/// </summary>
public sealed class ClubDirectory(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ClubDirectory> logger, ClubFinderMetrics metrics)
{
    static readonly StringComparer PolishOrder = StringComparer.Create(new System.Globalization.CultureInfo("pl-PL"), ignoreCase: true);

    readonly SemaphoreSlim reloadLock = new(1, 1);
    DirectorySnapshot current = DirectorySnapshot.Empty;
    long version;
    long staleMarks, reloadedMarks;

    public DirectorySnapshot Current => Volatile.Read(ref current);

    public bool IsLoaded => Current.Version > 0;

    long confirmedAtTicks;

    /// <summary>When the snapshot was last loaded, updated or found unchanged: a snapshot kept by an unchanged
    /// safety-net reload keeps its <see cref="DirectorySnapshot.LoadedAt"/> (feeds' DTSTAMP) but is confirmed again.</summary>
    public DateTimeOffset ConfirmedAt => Volatile.Read(ref confirmedAtTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : DateTimeOffset.MinValue;

    void Confirm() => Volatile.Write(ref confirmedAtTicks, clock.GetUtcNow().UtcTicks);

    /// <summary>True from a lost connection to the database until a reload after it has succeeded.</summary>
    public bool IsStale => Volatile.Read(ref reloadedMarks) < Volatile.Read(ref staleMarks);

    /// <summary>Changes may have been missed (the listener lost its connection): stale until the next reload.</summary>
    public void MarkStale() => Interlocked.Increment(ref staleMarks);

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await reloadLock.WaitAsync(ct);
        var started = clock.GetTimestamp();
        var outcome = "failure";
        try
        {
            var marks = Volatile.Read(ref staleMarks);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClubFinderDb>();
            // Read before the rows, so it can only be older than what is loaded: a change in between makes the
            // next reload load again, never skip. The same tables as last time keep the snapshot, and its tag.
            var fingerprint = await db.Database.GetDbConnection()
                .ExecuteScalarAsync<string>(new CommandDefinition(FingerprintSql, cancellationToken: ct));
            if (fingerprint == Current.ContentFingerprint)
            {
                Volatile.Write(ref reloadedMarks, marks);
                Confirm();
                logger.LogDebug("Club directory unchanged since version {Version}", Current.Version);
                outcome = "unchanged";
                return;
            }
            var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Number).ToListAsync(ct);
            var clubs = await db.Clubs.AsNoTracking()
                .Include(c => c.Organization).Include(c => c.Sessions).Include(c => c.Closures)
                .Where(c => c.Status != ClubStatus.Closed)
                .AsSplitQuery()
                .ToListAsync(ct);

            var districtRefs = districts.ToDictionary(d => d.Number, d => new DistrictRef(d.Number, d.Name));
            var listed = clubs.Where(c => c.Location is not null)
                .Select(c => new DirectoryClub(c, c.DistrictNumber is { } n ? districtRefs.GetValueOrDefault(n) : null, SearchTextOf(c)))
                .OrderBy(c => c.Club.Name, PolishOrder).ThenBy(c => c.Club.Slug, StringComparer.Ordinal)
                .ToList();
            var counts = listed.Where(c => c.District is not null).GroupBy(c => c.District!.Number).ToDictionary(g => g.Key, g => g.Count());
            var districtEntries = districts
                .Select(d => new DirectoryDistrict(d, PreparedGeometryFactory.Prepare(d.Geom), counts.GetValueOrDefault(d.Number)))
                .ToList();

            var snapshot = new DirectorySnapshot(listed, districtEntries, clubs.Count(c => c.Location is null),
                Interlocked.Increment(ref version), clock.GetUtcNow(), fingerprint);
            if (ChangedALot(Current, snapshot)) Volatile.Write(ref memoryToReturn, 1);
            Volatile.Write(ref current, snapshot);
            Volatile.Write(ref reloadedMarks, marks);
            Confirm();
            logger.LogDebug("Club directory reloaded: {Clubs} clubs, {Districts} districts (version {Version})",
                listed.Count, districts.Count, snapshot.Version);
            outcome = "success";
        }
        finally
        {
            metrics.DirectoryReloaded(clock.GetElapsedTime(started), outcome);
            reloadLock.Release();
        }
    }

    /// <summary>
    /// Every row the directory is made of (and the residents' figures, which coverage computes per snapshot: every
    /// table whose trigger asks for a full reload), by its key and the transaction that wrote it (<c>xmin</c> changes with
    /// every update, and a deleted or new row changes the set): a count and a sum of 64-bit hashes. The safety-net
    /// reload asks this first, so an unchanged database costs one scan of keys instead of a load, and clients'
    /// ETags stay valid.
    /// </summary>
    internal const string FingerprintSql = """
        SELECT count(*) || '/' || coalesce(sum(hashtextextended(r, 0)), 0) FROM (
            SELECT 'd' || number || ':' || xmin FROM districts
            UNION ALL SELECT 'o' || id || ':' || xmin FROM organizations
            UNION ALL SELECT 'c' || id || ':' || xmin FROM clubs
            UNION ALL SELECT 's' || id || ':' || xmin FROM sessions
            UNION ALL SELECT 'x' || id || ':' || xmin FROM closures
            UNION ALL SELECT 'r' || id || ':' || xmin FROM district_residents) AS rows(r)
        """;

    int memoryToReturn;

    /// <summary>
    /// The first load, and a load that changed the directory's size a lot, leave the load's buffers (and the old
    /// snapshot) behind. An idle app allocates nothing, so the runtime would keep that memory (after 50 000 clubs
    /// were deleted, 1.3 GB stayed): a compacting collection gives it back. Called once the start-up load is done,
    /// and on the listener's quiet keep-alive ticks, when the requests still reading the old snapshot are over.
    /// </summary>
    public void ReturnMemoryIfLoadsChangedALot()
    {
        if (Interlocked.Exchange(ref memoryToReturn, 0) == 1)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    static bool ChangedALot(DirectorySnapshot previous, DirectorySnapshot loaded) =>
        previous.Version == 0 || Math.Abs(loaded.Clubs.Count - previous.Clubs.Count) >= Math.Max(1000, previous.Clubs.Count / 4);

    static readonly Comparer<DirectoryClub> ListOrder = Comparer<DirectoryClub>.Create((a, b) =>
        PolishOrder.Compare(a.Club.Name, b.Club.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Club.Slug, b.Club.Slug));

    /// <summary>
    /// Reads only the named clubs and swaps in a snapshot with them replaced (or added, or gone):
    /// an edit reaches the public API in milliseconds even with tens of thousands of clubs.
    /// Falls back to a full reload while nothing is loaded.
    /// </summary>
    public async Task UpdateClubsAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        if (!IsLoaded)
        {
            await ReloadAsync(ct);
            return;
        }
        await reloadLock.WaitAsync(ct);
        try
        {
            var old = Current;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClubFinderDb>();
            var wanted = ids.ToList();
            var changed = await db.Clubs.AsNoTracking()
                .Include(c => c.Organization).Include(c => c.Sessions).Include(c => c.Closures)
                .Where(c => wanted.Contains(c.Id) && c.Status != ClubStatus.Closed && c.Location != null)
                .AsSplitQuery()
                .ToListAsync(ct);
            var unlocated = await db.Clubs.CountAsync(c => c.Location == null && c.Status != ClubStatus.Closed, ct);

            var districtRefs = old.Districts.ToDictionary(d => d.District.Number, d => new DistrictRef(d.District.Number, d.District.Name));
            var gone = ids.ToHashSet();
            var listed = old.Clubs.Where(c => !gone.Contains(c.Club.Id)).ToList();
            foreach (var club in changed)
            {
                var entry = new DirectoryClub(club, club.DistrictNumber is { } n ? districtRefs.GetValueOrDefault(n) : null, SearchTextOf(club));
                var at = listed.BinarySearch(entry, ListOrder);
                listed.Insert(at < 0 ? ~at : at, entry);
            }
            var counts = listed.Where(c => c.District is not null).GroupBy(c => c.District!.Number).ToDictionary(g => g.Key, g => g.Count());
            var districtEntries = old.Districts.Select(d => d with { ClubCount = counts.GetValueOrDefault(d.District.Number) }).ToList();
            var snapshot = new DirectorySnapshot(listed, districtEntries, unlocated, Interlocked.Increment(ref version), clock.GetUtcNow());
            Volatile.Write(ref current, snapshot);
            Confirm();
            logger.LogDebug("Club directory updated {Changed} of {Named} named clubs (version {Version})", changed.Count, ids.Count, snapshot.Version);
        }
        finally
        {
            reloadLock.Release();
        }
    }

    static string SearchTextOf(Club club) => TextSearch.Fold(string.Join(' ',
        club.Name, club.Street, club.HouseNumber, club.Postcode, club.Organization.Name, club.Slug));
}
