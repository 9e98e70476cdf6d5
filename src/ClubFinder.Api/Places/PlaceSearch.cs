using ClubFinder.Api.Clubs;
using Dapper;
using Npgsql;

namespace ClubFinder.Api.Places;

/// <param name="Source">Where the point comes from: <c>nominatim</c> (the online geocoder, OpenStreetMap data), <c>gtfs</c> (the transport authority's stops), or the local data.</param>
public record PlaceSuggestion(string Label, string Kind, double Lat, double Lon, DistrictRef? District, string? Source = null);

/// <summary>Typo-tolerant, diacritics-insensitive suggestions from the local gazetteer, answered from memory (<see cref="PlaceIndex"/>).</summary>
public class PlaceSearch(PlaceIndex index, NpgsqlDataSource dataSource, ClubDirectory directory)
{
    public const int MinQueryLength = 3;

    /// <summary>The gazetteer's suggestions as a person types: local only (the online geocoder's usage policy forbids autocomplete).</summary>
    public async Task<IReadOnlyList<PlaceSuggestion>> SearchAsync(string text, int limit, CancellationToken ct) =>
        (await SearchLocalAsync(text, limit, ct)).Select(m => m.Suggestion).ToList();

    /// <summary>A local match with what the lookup needs to judge it: its searchable name and house number.</summary>
    public sealed record LocalMatch(PlaceSuggestion Suggestion, string Normalized, string? HouseNumber);

    public async Task<IReadOnlyList<LocalMatch>> SearchLocalAsync(string text, int limit, CancellationToken ct)
    {
        var query = PlaceText.Parse(text);
        if (query.Name.Length < MinQueryLength && query.Postcode is null) return [];
        var places = await index.CurrentAsync(ct);
        return places.Search(query, limit * 3)
            .DistinctBy(h => (h.Label, h.Kind)) // "Kabel" the neighbourhood and "Kabel" the stop are two places
            .Take(limit)
            .Select(h => new LocalMatch(ToSuggestion(h.Label, h.Kind, h.Lat, h.Lon, h.Source), h.Normalized, h.HouseNumber))
            .ToList();
    }

    public PlaceSuggestion ToSuggestion(string label, string kind, double lat, double lon, string source)
    {
        var district = directory.Current.DistrictAt(lat, lon)?.District;
        return new PlaceSuggestion(label, kind, Math.Round(lat, 6), Math.Round(lon, 6),
            district is null ? null : new DistrictRef(district.Number, district.Name),
            source is NominatimGeocoder.Source or GtfsStops.Source ? source : null);
    }

    public async Task<PlaceSuggestion?> NearestAsync(double lat, double lon, CancellationToken ct)
    {
        const string nearest = """
            SELECT label, kind, ST_Y(geom) AS lat, ST_X(geom) AS lon FROM places
            WHERE geom IS NOT NULL AND kind IN ('address', 'street', 'neighbourhood', 'poi', 'club', 'przystanek')
            ORDER BY geom <-> ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)
            LIMIT 1
            """;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<(string Label, string Kind, double Lat, double Lon)?>(
            new CommandDefinition(nearest, new { lat, lon }, cancellationToken: ct));
        if (row is not { } r) return null;
        var district = directory.Current.DistrictAt(r.Lat, r.Lon)?.District;
        return new PlaceSuggestion(r.Label, r.Kind, r.Lat, r.Lon, district is null ? null : new DistrictRef(district.Number, district.Name));
    }
}
