using System.Globalization;
using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Api.Places;

/// <summary>One platform row of a GTFS `stops.txt`.</summary>
public sealed record GtfsPlatform(string Name, double Lat, double Lon);

/// <summary>
/// Reads public-transport stops straight from a GTFS feed's `stops.txt` (stop_name, stop_lat,
/// stop_lon), so a newer feed from the transport authority replaces the old one without editing.
/// Platforms that share a name are one stop for a parent: they become one place at their mean point.
/// </summary>
public static class GtfsStops
{
    public const string Source = "gtfs";

    /// <summary>A file is a GTFS stops table when its header names the three columns we need.</summary>
    public static bool IsStopsFile(string file)
    {
        using var reader = new StreamReader(file);
        var header = reader.ReadLine();
        if (header is null) return false;
        var columns = Csv.Split(header).Select(c => c.Trim().TrimStart('\uFEFF')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return columns.Contains("stop_name") && columns.Contains("stop_lat") && columns.Contains("stop_lon");
    }

    /// <summary>Platform rows with a name and a valid WGS84 point; entrances, nodes and boarding areas (location_type 2–4) are left out.</summary>
    public static IEnumerable<GtfsPlatform> Read(string file, IDictionary<string, int>? skipped = null)
    {
        foreach (var row in Csv.ReadFile(file))
        {
            var type = row.GetValueOrDefault("location_type")?.Trim();
            if (type is "2" or "3" or "4") { Count(skipped, "not a stop or platform"); continue; }
            var name = row.GetValueOrDefault("stop_name")?.Trim();
            if (string.IsNullOrEmpty(name)) { Count(skipped, "no stop_name"); continue; }
            if (!double.TryParse(row.GetValueOrDefault("stop_lat"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
                !double.TryParse(row.GetValueOrDefault("stop_lon"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ||
                !double.IsFinite(lat) || !double.IsFinite(lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                Count(skipped, "no valid stop_lat/stop_lon");
                continue;
            }
            yield return new GtfsPlatform(name, lat, lon);
        }
    }

    /// <summary>One place per stop name, at the mean of its platforms inside the city (platforms outside are dropped).</summary>
    public static List<PlaceRow> Group(IEnumerable<GtfsPlatform> platforms, Func<double, double, bool> inCity, IDictionary<string, int>? skipped = null)
    {
        var rows = new List<PlaceRow>();
        foreach (var stop in platforms.GroupBy(p => p.Name, StringComparer.Ordinal))
        {
            var inside = stop.Where(p => inCity(p.Lat, p.Lon)).ToList();
            if (inside.Count == 0) { Count(skipped, "outside Kraków"); continue; }
            rows.Add(new PlaceRow(stop.Key, PlaceText.NormalizeName(stop.Key), PlaceKind.Stop, null, null, null,
                Math.Round(inside.Average(p => p.Lat), 6), Math.Round(inside.Average(p => p.Lon), 6), Source));
        }
        return rows;
    }

    static void Count(IDictionary<string, int>? skipped, string reason)
    {
        if (skipped is not null) skipped[reason] = skipped.TryGetValue(reason, out var n) ? n + 1 : 1;
    }
}
