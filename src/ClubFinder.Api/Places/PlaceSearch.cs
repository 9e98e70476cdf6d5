using ClubFinder.Api.Clubs;
using Dapper;
using Npgsql;

namespace ClubFinder.Api.Places;

/// <param name="Source">Where the point comes from: <c>nominatim</c> (the online geocoder, OpenStreetMap data), <c>gtfs</c> (the transport authority's stops), or the local data.</param>
public record PlaceSuggestion(string Label, string Kind, double Lat, double Lon, DistrictRef? District, string? Source = null);

/// <summary>Typo-tolerant, diacritics-insensitive suggestions from the local gazetteer (pg_trgm).</summary>
public class PlaceSearch(NpgsqlDataSource dataSource, ClubDirectory directory)
{
    public const int MinQueryLength = 3;

    // Two stages keep typing fast with hundreds of thousands of address points: names (districts,
    // neighbourhoods, streets, clubs; a few thousand rows, partial trigram index) are matched first,
    // and address points are looked up by the best street names and the house number (b-tree).
    // Rank: the exact street and house number, then the street, then places and districts;
    // within a rank, trigram similarity (whole text and best-matching word), prefixes first.
    // Each way of matching is its own branch of a UNION: joined with OR, one branch the trigram index
    // cannot answer (the postcode) made the planner scan the whole table, addresses included.
    const string Sql = """
        SELECT set_limit(0.2);
        WITH matched AS (
            SELECT id FROM places WHERE kind <> 'address' AND normalized % @name
            UNION SELECT id FROM places WHERE kind <> 'address' AND @name <% normalized
            UNION SELECT id FROM places WHERE kind <> 'address' AND normalized % @full
            UNION SELECT id FROM places WHERE kind <> 'address' AND normalized LIKE @prefix ESCAPE '\'
            UNION SELECT id FROM places WHERE kind <> 'address' AND @postcode::text IS NOT NULL AND postcode = @postcode
        ),
        names AS (
            SELECT label, kind, normalized, house_number, postcode, geom, source,
                   GREATEST(similarity(normalized, @name), word_similarity(@name, normalized), similarity(normalized, @full)) AS sim
            FROM places
            WHERE id IN (SELECT id FROM matched)
        ),
        streets AS (
            SELECT DISTINCT ON (normalized) normalized, sim FROM names WHERE kind = 'street' ORDER BY normalized, sim DESC
        ),
        addresses AS (
            SELECT a.label, a.kind, a.normalized, a.house_number, a.postcode, a.geom, a.source, s.sim
            FROM (SELECT normalized, sim FROM streets ORDER BY sim DESC LIMIT 5) s
            JOIN places a ON a.kind = 'address' AND a.normalized = s.normalized AND a.house_number LIKE @housePrefix ESCAPE '\'
            WHERE @house::text IS NOT NULL
            UNION ALL
            SELECT a.label, a.kind, a.normalized, a.house_number, a.postcode, a.geom, a.source, 0.5
            FROM places a
            WHERE a.kind = 'address' AND @postcode::text IS NOT NULL AND @name = '' AND a.postcode = @postcode
        ),
        candidates AS (
            SELECT * FROM names WHERE geom IS NOT NULL
            UNION ALL
            (SELECT * FROM addresses LIMIT 200)
        )
        SELECT label, kind, ST_Y(geom) AS lat, ST_X(geom) AS lon, source, normalized, house_number
        FROM candidates
        ORDER BY
            sim
            + CASE WHEN normalized = @name OR normalized = @full THEN 0.5 ELSE 0 END
            + CASE WHEN normalized LIKE @prefix ESCAPE '\' THEN 0.3 ELSE 0 END
            + CASE WHEN @postcode::text IS NOT NULL AND postcode = @postcode THEN 0.3 ELSE 0 END
            + CASE
                WHEN kind = 'address' AND house_number = @house THEN 2
                WHEN kind = 'address' THEN 1.2
                WHEN kind = 'street' THEN 0.25
                WHEN kind IN ('district', 'neighbourhood', 'przystanek') THEN 0.15
                ELSE 0
              END DESC,
            length(label), label
        LIMIT @limit
        """;

    /// <summary>The gazetteer's suggestions as a person types: local only (the online geocoder's usage policy forbids autocomplete).</summary>
    public async Task<IReadOnlyList<PlaceSuggestion>> SearchAsync(string text, int limit, CancellationToken ct) =>
        (await SearchLocalAsync(text, limit, ct)).Select(m => m.Suggestion).ToList();

    /// <summary>A local match with what the lookup needs to judge it: its searchable name and house number.</summary>
    public sealed record LocalMatch(PlaceSuggestion Suggestion, string Normalized, string? HouseNumber);

    public async Task<IReadOnlyList<LocalMatch>> SearchLocalAsync(string text, int limit, CancellationToken ct)
    {
        var query = PlaceText.Parse(text);
        var full = query.HouseNumber is null ? query.Name : $"{query.Name} {query.HouseNumber}";
        if (query.Name.Length < MinQueryLength && query.Postcode is null) return [];
        var prefix = EscapeLike(query.Name) + "%";

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(Sql,
            new
            {
                name = query.Name, full, prefix, house = query.HouseNumber, housePrefix = query.HouseNumber is null ? null : EscapeLike(query.HouseNumber) + "%",
                postcode = query.Postcode, limit = limit * 3,
            },
            cancellationToken: ct));
        await results.ReadAsync<float>();
        var rows = await results.ReadAsync<(string Label, string Kind, double Lat, double Lon, string Source, string Normalized, string? HouseNumber)>();

        return rows
            .DistinctBy(r => (r.Label, r.Kind)) // "Kabel" the neighbourhood and "Kabel" the stop are two places
            .Take(limit)
            .Select(r => new LocalMatch(ToSuggestion(r.Label, r.Kind, r.Lat, r.Lon, r.Source), r.Normalized, r.HouseNumber))
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

    static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
