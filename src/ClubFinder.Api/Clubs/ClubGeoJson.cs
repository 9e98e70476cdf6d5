using System.Text.Json;
using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Api.Clubs;

public static class ClubGeoJson
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Points as [lon, lat]; the summary's fields become the feature's properties.</summary>
    public static BytesResult Write(IEnumerable<ClubSummary> clubs)
    {
        var collection = new
        {
            type = "FeatureCollection",
            features = clubs.Select(c => new
            {
                type = "Feature",
                id = c.Slug,
                geometry = new { type = "Point", coordinates = new[] { c.Location.Lon, c.Location.Lat } },
                properties = c,
            }),
        };
        return new BytesResult(JsonSerializer.SerializeToUtf8Bytes(collection, Json), "application/geo+json; charset=utf-8");
    }
}
