using System.Text.Json;
using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Api.Clubs;

public static class ClubGeoJson
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly byte[] Head = """{"type":"FeatureCollection","features":["""u8.ToArray();
    static readonly byte[] Tail = "]}"u8.ToArray();
    static readonly byte[] Comma = ","u8.ToArray();

    /// <summary>
    /// The clubs as a FeatureCollection: points as [lon, lat], the summary's fields as the feature's properties.
    /// Each club's feature is serialised once a minute (<see cref="ClubMapping.ToFeatureJson"/>), so a map view of
    /// hundreds of clubs is those bytes written one after another.
    /// </summary>
    public static BytesResult Write(IEnumerable<DirectoryClub> clubs, DateTime now, CancellationToken ct)
    {
        var parts = new List<byte[]> { Head };
        foreach (var club in clubs)
        {
            ct.ThrowIfCancellationRequested();
            if (parts.Count > 1) parts.Add(Comma);
            parts.Add(club.ToFeatureJson(now));
        }
        parts.Add(Tail);
        return new BytesResult([.. parts], "application/geo+json; charset=utf-8");
    }

    public static byte[] Feature(ClubSummary c) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "Feature",
        id = c.Slug,
        geometry = new { type = "Point", coordinates = new[] { c.Location.Lon, c.Location.Lat } },
        properties = c,
    }, Json);
}
