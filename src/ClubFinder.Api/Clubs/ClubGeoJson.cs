using System.Text.Json;
using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Api.Clubs;

public static class ClubGeoJson
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    static readonly byte[] Head = """{"type":"FeatureCollection","features":["""u8.ToArray();
    static readonly byte[] Tail = "]}"u8.ToArray();

    /// <summary>
    /// The clubs as a FeatureCollection: points as [lon, lat], the summary's fields as the feature's properties.
    /// Each club's feature is serialised once a minute (<see cref="ClubMapping.ToFeatureJson"/>), so a map view of
    /// hundreds of clubs is a copy of bytes.
    /// </summary>
    public static BytesResult Write(IEnumerable<DirectoryClub> clubs, DateTime now, CancellationToken ct)
    {
        var features = clubs.Select(c =>
        {
            ct.ThrowIfCancellationRequested();
            return c.ToFeatureJson(now);
        }).ToList();
        var body = new byte[Head.Length + features.Sum(f => f.Length) + Math.Max(0, features.Count - 1) + Tail.Length];
        var at = body.AsSpan();
        Head.CopyTo(at);
        at = at[Head.Length..];
        for (var i = 0; i < features.Count; i++)
        {
            if (i > 0) { at[0] = (byte)','; at = at[1..]; }
            features[i].CopyTo(at);
            at = at[features[i].Length..];
        }
        Tail.CopyTo(at);
        return new BytesResult(body, "application/geo+json; charset=utf-8");
    }

    public static byte[] Feature(ClubSummary c) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "Feature",
        id = c.Slug,
        geometry = new { type = "Point", coordinates = new[] { c.Location.Lon, c.Location.Lat } },
        properties = c,
    }, Json);
}
