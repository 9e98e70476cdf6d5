using System.Runtime.CompilerServices;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Api.Schedules;

/// <summary>
/// "Starting soon" without computing every club's timetable per request: once per snapshot and day,
/// every session taking place from yesterday to eight days ahead (more than the longest window, a
/// week, plus a clock change), sorted by start; a request reads the slice of its window.
/// </summary>
public sealed class UpcomingIndex
{
    static readonly ConditionalWeakTable<DirectorySnapshot, StrongBox<UpcomingIndex?>> Cache = new();

    readonly DateOnly day;
    readonly Occurrence[] occurrences;
    readonly DirectoryClub[] clubs;

    UpcomingIndex(DirectorySnapshot snapshot, DateOnly day)
    {
        this.day = day;
        var all = new List<(Occurrence Occurrence, DirectoryClub Club)>();
        foreach (var club in snapshot.Clubs)
            foreach (var o in ClubSchedule.Occurrences(club.Club, day.AddDays(-1), day.AddDays(8)))
                all.Add((o, club));
        all.Sort(static (a, b) => a.Occurrence.Start.CompareTo(b.Occurrence.Start));
        occurrences = all.ConvertAll(x => x.Occurrence).ToArray();
        clubs = all.ConvertAll(x => x.Club).ToArray();
    }

    /// <summary>The index of the snapshot for the local day of <paramref name="nowLocal"/>, built on first use.</summary>
    public static UpcomingIndex For(DirectorySnapshot snapshot, DateTime nowLocal)
    {
        var day = DateOnly.FromDateTime(nowLocal);
        var box = Cache.GetValue(snapshot, _ => new StrongBox<UpcomingIndex?>());
        var index = Volatile.Read(ref box.Value);
        if (index is not null && index.day == day) return index;
        lock (box)
        {
            index = box.Value;
            if (index is null || index.day != day) Volatile.Write(ref box.Value, index = new UpcomingIndex(snapshot, day));
            return index;
        }
    }

    /// <summary>Sessions starting from <paramref name="from"/> to <paramref name="until"/> (inclusive) within the radius, by start.</summary>
    public IEnumerable<(Occurrence Occurrence, DirectoryClub Club, double Distance)> Starting(
        DateTimeOffset from, DateTimeOffset until, double lat, double lon, double radius)
    {
        var (lo, hi) = (0, occurrences.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (occurrences[mid].Start < from) lo = mid + 1; else hi = mid;
        }
        for (var i = lo; i < occurrences.Length && occurrences[i].Start <= until; i++)
        {
            var club = clubs[i];
            var d = Geo.DistanceMeters(lat, lon, club.Lat, club.Lon);
            if (d <= radius) yield return (occurrences[i], club, d);
        }
    }
}
