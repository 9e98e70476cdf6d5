using System.Text.Encodings.Web;
using System.Text.Json;
using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Api.Clubs;

/// <summary>
/// What a marker needs, and no more: the map layer (<c>/api/clubs.geojson</c>) is asked for again at every pan and zoom,
/// so a map view carries half the bytes of the full summary; a click opens <c>/api/clubs/{slug}</c> (the feature's id).
/// </summary>
public record MapClubProperties(string Name, string Address, string OperatorType, int? District, string Precision,
    string Status, bool SpecialNeeds, bool? OpenNow);

public static class ClubGeoJson
{
    /// <summary>As the rest of the API writes JSON: letters as UTF-8 (an escaped "ó" is six bytes, and most names have some).</summary>
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    static readonly ReadOnlyMemory<byte> Head = """{"type":"FeatureCollection","features":["""u8.ToArray();
    static readonly ReadOnlyMemory<byte> Tail = "]}"u8.ToArray();
    static readonly ReadOnlyMemory<byte> Comma = ","u8.ToArray();

    /// <summary>
    /// The clubs as a FeatureCollection of points ([lon, lat]), each club's feature serialised once a minute
    /// (<see cref="ClubMapping.ToMapFeatureJson"/>, or with the whole summary for the open data export), so a map view of
    /// hundreds of clubs is those bytes written one after another.
    /// </summary>
    public static BytesResult Write(IEnumerable<DirectoryClub> clubs, DateTime now, CancellationToken ct, bool wholeSummary = false)
    {
        var parts = new Parts(ct);
        foreach (var club in clubs) parts.Add(wholeSummary ? club.ToFeatureJson(now) : club.ToMapFeatureJson(now));
        return parts.Result();
    }

    /// <summary>
    /// A map view: the clubs in the box, cell by cell of the snapshot's grid. Each cell's clubs' features are joined once
    /// a minute, so a cell wholly inside the box is one ready piece and a club of a cell on the box's edge is a slice of
    /// its cell's piece: a view of hundreds of clubs touches a few dozen cells, not each club's object.
    /// </summary>
    public static BytesResult WriteView(ClubGrid grid, double minLon, double minLat, double maxLon, double maxLat, DateTime now, CancellationToken ct)
    {
        var parts = new Parts(ct);
        grid.Cover(minLon, minLat, maxLon, maxLat, cell => parts.Add(Joined(cell, now).Features),
            (cell, i) => parts.Add(Joined(cell, now).Feature(i)));
        return parts.Result();
    }

    /// <summary>A FeatureCollection's pieces: the head, the features with commas between them, the tail.</summary>
    sealed class Parts(CancellationToken ct)
    {
        readonly List<ReadOnlyMemory<byte>> parts = [Head];

        public void Add(ReadOnlyMemory<byte> feature)
        {
            ct.ThrowIfCancellationRequested();
            if (parts.Count > 1) parts.Add(Comma);
            parts.Add(feature);
        }

        public BytesResult Result()
        {
            parts.Add(Tail);
            return new BytesResult([.. parts], "application/geo+json; charset=utf-8");
        }
    }

    /// <summary>A cell's clubs' map features of one minute, comma-separated, and where each one starts.</summary>
    sealed class CellFeatures(DateTime minute, byte[] features, int[] starts)
    {
        public DateTime Minute => minute;
        public ReadOnlyMemory<byte> Features => features;
        /// <summary>The cell's i-th club's feature (the commas are between the slices).</summary>
        public ReadOnlyMemory<byte> Feature(int i) => features.AsMemory(starts[i], (i + 1 < starts.Length ? starts[i + 1] - 1 : features.Length) - starts[i]);
    }

    static CellFeatures Joined(ClubGrid.Cell cell, DateTime now)
    {
        var minute = ClubMapping.MinuteOf(now);
        if (Volatile.Read(ref cell.Memo) is CellFeatures kept && kept.Minute == minute) return kept;
        var features = new byte[cell.Count][];
        for (var i = 0; i < features.Length; i++) features[i] = cell[i].ToMapFeatureJson(now);
        var (joined, starts, at) = (new byte[features.Sum(f => f.Length) + features.Length - 1], new int[features.Length], 0);
        for (var i = 0; i < features.Length; i++)
        {
            if (i > 0) joined[at++] = (byte)',';
            starts[i] = at;
            features[i].CopyTo(joined, at);
            at += features[i].Length;
        }
        var fresh = new CellFeatures(minute, joined, starts);
        Volatile.Write(ref cell.Memo, fresh);
        return fresh;
    }

    /// <summary>A feature whose properties are the list's summary, field for field.</summary>
    public static byte[] Feature(ClubSummary c) => Serialize(c, c);

    public static byte[] MapFeature(ClubSummary c) => Serialize(c, new MapClubProperties(c.Name, c.Address.Label, c.Operator.Type,
        c.District?.Number, c.Location.Precision, c.Status, c.SpecialNeeds, c.OpenNow));

    static byte[] Serialize<T>(ClubSummary c, T properties) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "Feature",
        id = c.Slug,
        geometry = new { type = "Point", coordinates = new[] { c.Location.Lon, c.Location.Lat } },
        properties,
    }, Json);
}
