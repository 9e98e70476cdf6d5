using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Api.Clubs;

/// <summary>
/// A uniform grid over the listed clubs' points (cells of at most about 1 km at Kraków's latitude, smaller
/// where clubs are dense, so a cell holds a handful), so nearest
/// and bounding-box reads look at the clubs around the point instead of all of them. A grid rather than
/// an R-tree: the points are spread evenly over a city, the grid is built in one pass, and its rings
/// give a simple, exact stopping rule for "nearest k" with a filter and geodesic distances.
/// </summary>
public sealed class ClubGrid
{
    const double MaxCellLat = 0.01, MinCellLat = 0.001, LonPerLat = 1.5, ClubsPerCell = 8;

    readonly double cellLat, cellLon;

    readonly IReadOnlyList<DirectoryClub> clubs;
    /// <summary>Cell → its clubs' points (with the latitude's cosine for the haversine), south to north:
    /// a search reads these contiguous values and touches a club's object only for a candidate that could make the answer.</summary>
    readonly Dictionary<long, Cell> cells;
    readonly int minX, maxX, minY, maxY;
    /// <summary>The cells again, row by row over the occupied columns and rows, when that is not much larger than
    /// the cells themselves (a city's clubs): a lookup is one read instead of a hash, a bucket and an entry, and a
    /// view's neighbouring cells sit side by side in memory. A few clubs far apart keep only the dictionary.</summary>
    readonly Cell?[]? rows;
    internal bool InRows => rows is not null;

    internal readonly record struct Point(int Index, double Lat, double Lon, double CosLat);

    /// <summary>One cell's clubs, with a slot for something made of all of them once (a map view's ready features of the minute).</summary>
    public sealed class Cell
    {
        readonly ClubGrid grid;
        internal readonly Point[] Points;
        /// <summary>The box of the cell's points: inside a query's box, all of them are.</summary>
        internal readonly double MinLon, MaxLon, MinLat, MaxLat;

        internal Cell(ClubGrid grid, Point[] points)
        {
            (this.grid, Points) = (grid, points);
            (MinLon, MaxLon, MinLat, MaxLat) = (points.Min(p => p.Lon), points.Max(p => p.Lon), points.Min(p => p.Lat), points.Max(p => p.Lat));
        }

        public object? Memo;
        public int Count => Points.Length;
        /// <summary>The cell's clubs from south to north: a box whose northern or southern edge cuts the cell holds a run of them.</summary>
        public DirectoryClub this[int i] => grid.clubs[Points[i].Index];
    }

    public ClubGrid(IReadOnlyList<DirectoryClub> clubs)
    {
        this.clubs = clubs;
        // Cells sized so that an evenly spread set puts about eight clubs in each.
        var (latLo, latHi, lonLo, lonHi) = (double.MaxValue, double.MinValue, double.MaxValue, double.MinValue);
        foreach (var c in clubs) (latLo, latHi, lonLo, lonHi) = (Math.Min(latLo, c.Lat), Math.Max(latHi, c.Lat), Math.Min(lonLo, c.Lon), Math.Max(lonHi, c.Lon));
        var area = clubs.Count > 0 ? (latHi - latLo) * (lonHi - lonLo) : 0;
        cellLat = Math.Clamp(Math.Sqrt(area / Math.Max(1, clubs.Count / ClubsPerCell) / LonPerLat), MinCellLat, MaxCellLat);
        cellLon = cellLat * LonPerLat;
        var lists = new Dictionary<long, List<Point>>();
        (minX, maxX, minY, maxY) = (int.MaxValue, int.MinValue, int.MaxValue, int.MinValue);
        for (var i = 0; i < clubs.Count; i++)
        {
            var (lat, lon) = (clubs[i].Lat, clubs[i].Lon);
            var (x, y) = (X(lon), Y(lat));
            (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
            var key = Key(x, y);
            if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
            list.Add(new Point(i, lat, lon, Geo.CosOfLatitude(lat)));
        }
        cells = lists.ToDictionary(p => p.Key, p => new Cell(this, [.. p.Value.OrderBy(q => q.Lat).ThenBy(q => q.Index)]), KeyHash.Instance);
        if (cells.Count > 0 && ((long)maxX - minX + 1) * ((long)maxY - minY + 1) <= 4L * cells.Count + 4096)
        {
            rows = new Cell?[(maxX - minX + 1) * (maxY - minY + 1)];
            foreach (var (key, cell) in cells) rows[Slot((int)(key >> 32), (int)(uint)key)] = cell;
        }
    }

    int X(double lon) => (int)Math.Floor(lon / cellLon);
    int Y(double lat) => (int)Math.Floor(lat / cellLat);
    static long Key(int x, int y) => ((long)x << 32) | (uint)y;
    int Slot(int x, int y) => (y - minY) * (maxX - minX + 1) + (x - minX);

    Cell? Find(int x, int y) => rows is null ? cells.GetValueOrDefault(Key(x, y))
        : x >= minX && x <= maxX && y >= minY && y <= maxY ? rows[Slot(x, y)] : null;

    /// <summary>
    /// A key's hash with its bits mixed (Fibonacci hashing): a long's own hash is its halves XORed, x ^ y, which for the
    /// neighbouring cells of one city gives a few hundred values for thousands of cells, and a lookup walked long chains.
    /// </summary>
    sealed class KeyHash : IEqualityComparer<long>
    {
        public static readonly KeyHash Instance = new();
        public bool Equals(long a, long b) => a == b;
        public int GetHashCode(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32);
    }

    /// <summary>Clubs inside the box (edges included), in the list's (name) order.</summary>
    public IReadOnlyList<DirectoryClub> InBox(double minLon, double minLat, double maxLon, double maxLat)
    {
        var found = new List<int>();
        Cover(minLon, minLat, maxLon, maxLat, (cell, first, count) =>
        {
            for (var i = first; i < first + count; i++) found.Add(cell.Points[i].Index);
        });
        found.Sort();
        return found.ConvertAll(i => clubs[i]);
    }

    /// <summary>
    /// The clubs inside the box (edges included), cell by cell, as runs of each cell's clubs: a cell wholly inside the
    /// box is one run of all of them; of a cell that the box's edge cuts, each run of consecutive clubs inside the box.
    /// </summary>
    public void Cover(double minLon, double minLat, double maxLon, double maxLat, Action<Cell, int, int> run)
    {
        if (clubs.Count == 0) return;
        var (x0, x1) = (Math.Max(X(minLon), minX), Math.Min(X(maxLon), maxX));
        var (y0, y1) = (Math.Max(Y(minLat), minY), Math.Min(Y(maxLat), maxY));
        if (x0 > x1 || y0 > y1) return;
        void Take(Cell cell)
        {
            if (cell.MinLon >= minLon && cell.MaxLon <= maxLon && cell.MinLat >= minLat && cell.MaxLat <= maxLat)
            {
                run(cell, 0, cell.Count);
                return;
            }
            var points = cell.Points;
            for (var i = 0; i < points.Length; i++)
            {
                var first = i;
                while (i < points.Length && points[i].Lon >= minLon && points[i].Lon <= maxLon && points[i].Lat >= minLat && points[i].Lat <= maxLat) i++;
                if (i > first) run(cell, first, i - first);
            }
        }
        // A box larger than the occupied cells: walking the cells that exist is cheaper than the empty ones.
        if ((long)(x1 - x0 + 1) * (y1 - y0 + 1) > cells.Count)
        {
            foreach (var (key, cell) in cells)
            {
                var (x, y) = ((int)(key >> 32), (int)(uint)key);
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1) Take(cell);
            }
        }
        else
        {
            for (var y = y0; y <= y1; y++)
                for (var x = x0; x <= x1; x++)
                    if (Find(x, y) is { } cell) Take(cell);
        }
    }

    /// <summary>
    /// The <paramref name="count"/> clubs nearest to the point that match, nearest first (ties by name, then slug,
    /// ordinal), each within <paramref name="maxDistance"/> metres when given: the same answer as
    /// measuring every club, found by searching rings of cells outwards until no closer club can remain.
    /// </summary>
    public List<(DirectoryClub Club, double Distance)> Nearest(double lat, double lon, int count, double? maxDistance,
        Func<DirectoryClub, bool> matches)
    {
        // The best `count` so far, in answer order: a club behind the last of a full list is dropped at once.
        var best = new List<(DirectoryClub Club, double Distance)>(Math.Min(count, 64) + 1);
        if (clubs.Count == 0 || count <= 0) return best;
        var (cx, cy) = (X(lon), Y(lat));
        var cosLat = Geo.CosOfLatitude(lat);
        void Consider(in Point p)
        {
            var d = Geo.DistanceMeters(lat, lon, cosLat, p.Lat, p.Lon, p.CosLat);
            if (maxDistance is { } m && d > m) return;
            if (best.Count == count && d > best[^1].Distance) return;
            // A tie with the last needs the names; anything farther was dropped above without touching the club.
            var candidate = (Club: clubs[p.Index], Distance: d);
            if (best.Count == count && ByDistanceThenName(candidate, best[^1]) >= 0) return;
            if (!matches(candidate.Club)) return;
            var at = best.BinarySearch(candidate, Order);
            best.Insert(at < 0 ? ~at : at, candidate);
            if (best.Count > count) best.RemoveAt(count);
        }
        for (var r = 0; ; r++)
        {
            if (r > 0)
            {
                // Every club not yet seen lies outside the square of rings 0..r-1, so at least this far.
                var bound = OutsideSquareBound(lat, lon, cx, cy, r);
                if (maxDistance is { } m && bound > m) break;
                if (best.Count == count && bound > best[^1].Distance) break;
                if (cx - r < minX && cx + r > maxX && cy - r < minY && cy + r > maxY) break;
                // Far from every club (a point outside the data's area): measuring all of them is cheaper than the rings.
                if ((long)(2 * r + 1) * (2 * r + 1) > 4L * cells.Count)
                {
                    best.Clear();
                    foreach (var cell in cells.Values)
                        foreach (var p in cell.Points) Consider(p);
                    break;
                }
            }
            foreach (var (x, y) in Ring(cx, cy, r))
                if (Find(x, y) is { } cell)
                    foreach (var p in cell.Points) Consider(p);
        }
        return best;
    }

    /// <summary>Clubs within <paramref name="radius"/> metres of the point (unordered).</summary>
    public IEnumerable<(DirectoryClub Club, double Distance)> Within(double lat, double lon, double radius)
    {
        // Degrees that surely cover the radius: latitude exactly, longitude at the poleward edge of the circle.
        var dLat = radius / (Geo.EarthRadiusMeters * Math.PI / 180);
        var edge = Math.Min(89.9, Math.Abs(lat) + dLat);
        var dLon = Math.Min(180, dLat / Math.Cos(edge * Math.PI / 180));
        foreach (var club in InBox(lon - dLon, lat - dLat, lon + dLon, lat + dLat))
        {
            var d = Geo.DistanceMeters(lat, lon, club.Lat, club.Lon);
            if (d <= radius) yield return (club, d);
        }
    }

    static readonly Comparer<(DirectoryClub Club, double Distance)> Order = Comparer<(DirectoryClub Club, double Distance)>.Create(ByDistanceThenName);

    static int ByDistanceThenName((DirectoryClub Club, double Distance) a, (DirectoryClub Club, double Distance) b) =>
        a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance)
            : StringComparer.Ordinal.Compare(a.Club.Club.Name, b.Club.Club.Name) is var byName and not 0 ? byName
            : StringComparer.Ordinal.Compare(a.Club.Club.Slug, b.Club.Club.Slug); // two clubs of one name at one door: still one order

    static IEnumerable<(int X, int Y)> Ring(int cx, int cy, int r)
    {
        if (r == 0) { yield return (cx, cy); yield break; }
        for (var x = cx - r; x <= cx + r; x++) { yield return (x, cy - r); yield return (x, cy + r); }
        for (var y = cy - r + 1; y <= cy + r - 1; y++) { yield return (cx - r, y); yield return (cx + r, y); }
    }

    /// <summary>
    /// A lower bound of the geodesic distance from the point to anything outside the cells cx±(r-1), cy±(r-1):
    /// such a place differs either in latitude by the gap to the square's top or bottom, or (inside that band)
    /// in longitude by the gap to its side, which the haversine formula turns into metres at the band's poleward edge.
    /// </summary>
    double OutsideSquareBound(double lat, double lon, int cx, int cy, int r)
    {
        const double rad = Math.PI / 180;
        var (latLo, latHi) = ((cy - r + 1) * cellLat, (cy + r) * cellLat);
        var (lonLo, lonHi) = ((cx - r + 1) * cellLon, (cx + r) * cellLon);
        var latGap = Math.Min(lat - latLo, latHi - lat) * rad * Geo.EarthRadiusMeters;
        var lonGap = Math.Min(Math.Min(lon - lonLo, lonHi - lon), 180) * rad;
        var poleward = Math.Min(90, Math.Max(Math.Abs(latLo), Math.Abs(latHi)));
        var sine = Math.Sqrt(Math.Cos(lat * rad) * Math.Cos(poleward * rad)) * Math.Sin(lonGap / 2);
        var lonMeters = 2 * Geo.EarthRadiusMeters * Math.Asin(Math.Clamp(sine, 0, 1));
        return Math.Max(0, Math.Min(latGap, lonMeters));
    }
}
