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
    /// <summary>Cell → indices into the name-ordered club list, ascending.</summary>
    readonly Dictionary<long, int[]> cells;
    readonly int minX, maxX, minY, maxY;

    public ClubGrid(IReadOnlyList<DirectoryClub> clubs)
    {
        this.clubs = clubs;
        // Cells sized so that an evenly spread set puts about eight clubs in each.
        var (latLo, latHi, lonLo, lonHi) = (double.MaxValue, double.MinValue, double.MaxValue, double.MinValue);
        foreach (var c in clubs) (latLo, latHi, lonLo, lonHi) = (Math.Min(latLo, c.Lat), Math.Max(latHi, c.Lat), Math.Min(lonLo, c.Lon), Math.Max(lonHi, c.Lon));
        var area = clubs.Count > 0 ? (latHi - latLo) * (lonHi - lonLo) : 0;
        cellLat = Math.Clamp(Math.Sqrt(area / Math.Max(1, clubs.Count / ClubsPerCell) / LonPerLat), MinCellLat, MaxCellLat);
        cellLon = cellLat * LonPerLat;
        var lists = new Dictionary<long, List<int>>();
        (minX, maxX, minY, maxY) = (int.MaxValue, int.MinValue, int.MaxValue, int.MinValue);
        for (var i = 0; i < clubs.Count; i++)
        {
            var (x, y) = (X(clubs[i].Lon), Y(clubs[i].Lat));
            (minX, maxX, minY, maxY) = (Math.Min(minX, x), Math.Max(maxX, x), Math.Min(minY, y), Math.Max(maxY, y));
            var key = Key(x, y);
            if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
            list.Add(i);
        }
        cells = lists.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }

    int X(double lon) => (int)Math.Floor(lon / cellLon);
    int Y(double lat) => (int)Math.Floor(lat / cellLat);
    static long Key(int x, int y) => ((long)x << 32) | (uint)y;

    /// <summary>Clubs inside the box (edges included), in the list's (name) order.</summary>
    public IReadOnlyList<DirectoryClub> InBox(double minLon, double minLat, double maxLon, double maxLat)
    {
        if (clubs.Count == 0) return [];
        var (x0, x1) = (Math.Max(X(minLon), minX), Math.Min(X(maxLon), maxX));
        var (y0, y1) = (Math.Max(Y(minLat), minY), Math.Min(Y(maxLat), maxY));
        if (x0 > x1 || y0 > y1) return [];
        var found = new List<int>();
        void Take(int[] indices)
        {
            foreach (var i in indices)
            {
                var c = clubs[i];
                if (c.Lon >= minLon && c.Lon <= maxLon && c.Lat >= minLat && c.Lat <= maxLat) found.Add(i);
            }
        }
        // A box larger than the occupied cells: walking the cells that exist is cheaper than the empty ones.
        if ((long)(x1 - x0 + 1) * (y1 - y0 + 1) > cells.Count)
        {
            foreach (var (key, indices) in cells)
            {
                var (x, y) = ((int)(key >> 32), (int)(uint)key);
                if (x >= x0 && x <= x1 && y >= y0 && y <= y1) Take(indices);
            }
        }
        else
        {
            for (var x = x0; x <= x1; x++)
                for (var y = y0; y <= y1; y++)
                    if (cells.TryGetValue(Key(x, y), out var indices)) Take(indices);
        }
        found.Sort();
        return found.ConvertAll(i => clubs[i]);
    }

    /// <summary>
    /// The <paramref name="count"/> clubs nearest to the point that match, nearest first (ties by name, then slug,
    /// ordinal), each within <paramref name="maxDistance"/> metres when given: the same answer as
    /// measuring every club, found by searching rings of cells outwards until no closer club can remain.
    /// </summary>
    public List<(DirectoryClub Club, double Distance)> Nearest(double lat, double lon, int count, double? maxDistance,
        Func<DirectoryClub, bool> matches)
    {
        var found = new List<(DirectoryClub Club, double Distance)>();
        if (clubs.Count == 0 || count <= 0) return found;
        var (cx, cy) = (X(lon), Y(lat));
        void Consider(int i)
        {
            var club = clubs[i];
            if (!matches(club)) return;
            var d = Geo.DistanceMeters(lat, lon, club.Lat, club.Lon);
            if (maxDistance is null || d <= maxDistance) found.Add((club, d));
        }
        for (var r = 0; ; r++)
        {
            if (r > 0)
            {
                // Every club not yet seen lies outside the square of rings 0..r-1, so at least this far.
                var bound = OutsideSquareBound(lat, lon, cx, cy, r);
                if (maxDistance is { } m && bound > m) break;
                if (found.Count >= count && bound > KthDistance(found, count)) break;
                if (cx - r < minX && cx + r > maxX && cy - r < minY && cy + r > maxY) break;
                // Far from every club (a point outside the data's area): measuring all of them is cheaper than the rings.
                if ((long)(2 * r + 1) * (2 * r + 1) > 4L * cells.Count)
                {
                    found.Clear();
                    for (var i = 0; i < clubs.Count; i++) Consider(i);
                    break;
                }
            }
            foreach (var key in Ring(cx, cy, r))
                if (cells.TryGetValue(key, out var indices))
                    foreach (var i in indices) Consider(i);
        }
        found.Sort(ByDistanceThenName);
        if (found.Count > count) found.RemoveRange(count, found.Count - count);
        return found;
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

    /// <summary>Keeps only the best <paramref name="k"/> so far (no later club can bring back one behind them) and returns the k-th distance.</summary>
    static double KthDistance(List<(DirectoryClub Club, double Distance)> found, int k)
    {
        found.Sort(ByDistanceThenName);
        if (found.Count > k) found.RemoveRange(k, found.Count - k);
        return found[k - 1].Distance;
    }

    static int ByDistanceThenName((DirectoryClub Club, double Distance) a, (DirectoryClub Club, double Distance) b) =>
        a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance)
            : StringComparer.Ordinal.Compare(a.Club.Club.Name, b.Club.Club.Name) is var byName and not 0 ? byName
            : StringComparer.Ordinal.Compare(a.Club.Club.Slug, b.Club.Club.Slug); // two clubs of one name at one door: still one order

    static IEnumerable<long> Ring(int cx, int cy, int r)
    {
        if (r == 0) { yield return Key(cx, cy); yield break; }
        for (var x = cx - r; x <= cx + r; x++) { yield return Key(x, cy - r); yield return Key(x, cy + r); }
        for (var y = cy - r + 1; y <= cy + r - 1; y++) { yield return Key(cx - r, y); yield return Key(cx + r, y); }
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
