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
    /// a minute, so a cell wholly inside the box is one ready piece and a run of its clubs inside the box, where the box's
    /// edge cuts it, is a slice of that piece: a view of hundreds of clubs is a few dozen pieces, not each club's object.
    /// </summary>
    public static BytesResult WriteView(ClubGrid grid, double minLon, double minLat, double maxLon, double maxLat, DateTime now, CancellationToken ct)
    {
        var parts = new Parts(ct);
        var minute = ClubMapping.MinuteOf(now);
        grid.Cover(minLon, minLat, maxLon, maxLat, (cell, first, count) => parts.AddAfterCommas(Joined(cell, minute).Slice(first, count)));
        return parts.Result();
    }

    /// <summary>A FeatureCollection's pieces: the head, the features with commas between them, the tail.</summary>
    sealed class Parts(CancellationToken ct)
    {
        // Room for a map view's pieces without growing: a 1.4 km view at 50 000 clubs is about 70.
        readonly List<ReadOnlyMemory<byte>> parts = new(96) { Head };

        /// <summary>A feature.</summary>
        public void Add(ReadOnlyMemory<byte> feature)
        {
            ct.ThrowIfCancellationRequested();
            if (parts.Count > 1) parts.Add(Comma);
            parts.Add(feature);
        }

        /// <summary>Features each with a comma before it (",a,b"): the collection's first goes without its comma.</summary>
        public void AddAfterCommas(ReadOnlyMemory<byte> features)
        {
            ct.ThrowIfCancellationRequested();
            parts.Add(parts.Count > 1 ? features : features[1..]);
        }

        public BytesResult Result()
        {
            parts.Add(Tail);
            return new BytesResult([.. parts], "application/geo+json; charset=utf-8");
        }
    }

    /// <summary>A cell's clubs' map features of one minute, each after a comma, and where each one's comma is.</summary>
    sealed class CellFeatures(DateTime minute, byte[] features, int[] starts)
    {
        public DateTime Minute => minute;
        /// <summary>The features of the cell's clubs first … first + count - 1, each after its comma.</summary>
        public ReadOnlyMemory<byte> Slice(int first, int count)
        {
            var end = first + count < starts.Length ? starts[first + count] : features.Length;
            return features.AsMemory(starts[first], end - starts[first]);
        }
    }

    static CellFeatures Joined(ClubGrid.Cell cell, DateTime minute)
    {
        if (Volatile.Read(ref cell.Memo) is CellFeatures kept && kept.Minute == minute) return kept;
        var features = new byte[cell.Count][];
        // Serialised here, not kept per club as well: at 50 000 clubs that would be a second 16 MB copy every minute.
        for (var i = 0; i < features.Length; i++) features[i] = MapFeature(cell[i].ToSummary(minute));
        var (joined, starts, at) = (new byte[features.Sum(f => f.Length + 1)], new int[features.Length], 0);
        for (var i = 0; i < features.Length; i++)
        {
            starts[i] = at;
            joined[at++] = (byte)',';
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
