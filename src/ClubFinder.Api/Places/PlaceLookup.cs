using ClubFinder.Api.Infrastructure;
using Dapper;
using Npgsql;

namespace ClubFinder.Api.Places;

/// <summary>Why an option is offered instead of the place typed.</summary>
public static class PlaceOptionReason
{
    /// <summary>A point somewhere on the street, not at the number typed.</summary>
    public const string Street = "street";
    /// <summary>Another house number on the same street.</summary>
    public const string NearbyNumber = "nearby-number";
    /// <summary>A stop carrying the street's name, or near the street's known points.</summary>
    public const string StreetStop = "street-stop";
    /// <summary>The online geocoder's answer for the text.</summary>
    public const string Online = "online";
    /// <summary>A different place whose name looks like the text.</summary>
    public const string Similar = "similar";
}

public record PlaceOption(PlaceSuggestion Place, string Reason);

/// <summary>
/// The answer to an explicit search. <c>status</c>: <c>found</c> (<c>match</c> is the place typed),
/// <c>number-unknown</c> (the street is known, the house number is not), <c>street-no-point</c> (a
/// register street with no point yet), <c>not-found</c>. <c>options</c> are what is known instead,
/// each with its reason; <c>geocoder</c> is off, not-needed, used, cached or unavailable.
/// </summary>
public record PlaceAnswer(string Query, string Status, string? Street, string? HouseNumber, PlaceSuggestion? Match,
    IReadOnlyList<PlaceOption> Options, string Geocoder);

/// <summary>
/// Resolves what a parent typed and pressed Enter on. It never answers with a different place as if
/// it were the one typed: an unknown house number or a street without a point is said so, with the
/// street's known points and stops, the online geocoder's answer and similar names as labelled options.
/// </summary>
public class PlaceLookup(PlaceSearch search, NominatimGeocoder geocoder, NpgsqlDataSource dataSource)
{
    const int OptionLimit = 6;

    // The register street (or a street with points) the text names: the same name, or the name with
    // given names in front ("mickiewicza" → "adama mickiewicza"); a street with a point first.
    const string StreetSql = """
        SELECT label, normalized, ST_Y(geom) AS lat, ST_X(geom) AS lon, source
        FROM places
        WHERE kind = 'street' AND (normalized = @name OR normalized LIKE @suffix ESCAPE '\')
        ORDER BY normalized = @name DESC, geom IS NULL, length(label)
        LIMIT 1
        """;

    // What is known on a street: its other numbers nearest to the one typed (numerically), and stops
    // that carry its name or stand within 300 m of one of its known points.
    const string StreetKnownSql = """
        SELECT label, kind, ST_Y(geom) AS lat, ST_X(geom) AS lon, source FROM places
        WHERE kind = 'address' AND normalized = @normalized AND geom IS NOT NULL
        ORDER BY abs(coalesce(substring(house_number from '^\d+')::int, 0) - @number), house_number
        LIMIT 3;
        SELECT s.label, s.kind, ST_Y(s.geom) AS lat, ST_X(s.geom) AS lon, s.source FROM places s
        WHERE s.kind = 'przystanek' AND s.geom IS NOT NULL
          AND (' ' || translate(lower(s.label), 'ąćęłńóśźż', 'acelnoszz') || ' ' LIKE @namePattern ESCAPE '\'
               OR EXISTS (SELECT 1 FROM places p
                          WHERE p.kind IN ('address', 'street') AND p.normalized = @normalized AND p.geom IS NOT NULL
                            AND ST_DWithin(p.geom::geography, s.geom::geography, 300)))
        ORDER BY s.label
        LIMIT 4;
        """;

    public async Task<PlaceAnswer> LookupAsync(string text, bool online, CancellationToken ct)
    {
        var query = PlaceText.Parse(text);
        var local = await search.SearchLocalAsync(text, 8, ct);
        var street = query.Name.Length >= PlaceSearch.MinQueryLength ? await FindStreetAsync(query.Name, ct) : null;

        var match = ExactMatch(query, local, street);
        if (match is not null)
            return new PlaceAnswer(text, "found", street?.Label, query.HouseNumber, match, [], "not-needed");

        var options = new List<PlaceOption>();
        var geocoderStatus = "off";
        if (online && geocoder.Enabled)
        {
            var cached = geocoder.Cached(text);
            var remote = cached ?? await geocoder.SearchAsync(text, 5, ct);
            geocoderStatus = remote is null ? "unavailable" : cached is not null ? "cached" : "used";
            foreach (var row in remote ?? [])
            {
                var suggestion = search.ToSuggestion(row.Label, row.Kind, row.Lat!.Value, row.Lon!.Value, row.Source);
                // The geocoder's own answer for the number typed is the place typed, said to come from it.
                if (match is null && query.HouseNumber is not null && row.Kind == PlaceKind.Address && row.HouseNumber == query.HouseNumber
                    && (street is null || row.Normalized == street.Normalized || row.Normalized.EndsWith(" " + query.Name, StringComparison.Ordinal) || row.Normalized == query.Name))
                    match = suggestion;
                else if (match is null && query.HouseNumber is null && (row.Normalized == query.Name || row.Normalized == street?.Normalized))
                    match = suggestion;
                else options.Add(new PlaceOption(suggestion, PlaceOptionReason.Online));
            }
        }
        if (match is not null)
            return new PlaceAnswer(text, "found", street?.Label, query.HouseNumber, match, options, geocoderStatus);

        if (street is not null)
        {
            if (street.Lat is { } lat && street.Lon is { } lon)
                options.Add(new PlaceOption(search.ToSuggestion(street.Label, PlaceKind.Street, lat, lon, street.Source), PlaceOptionReason.Street));
            options.AddRange(await StreetKnownAsync(street, query.HouseNumber, ct));
        }
        var offered = options.Select(o => o.Place.Label).ToHashSet();
        options.AddRange(local
            .Where(m => !offered.Contains(m.Suggestion.Label) && m.Suggestion.Source != NominatimGeocoder.Source)
            .Take(Math.Max(2, OptionLimit - options.Count))
            .Select(m => new PlaceOption(m.Suggestion, PlaceOptionReason.Similar)));

        var status = street is null ? "not-found" : query.HouseNumber is not null ? "number-unknown" : "street-no-point";
        return new PlaceAnswer(text, status, street?.Label, query.HouseNumber, null, options, geocoderStatus);
    }

    /// <summary>The place typed, if the gazetteer has it: that street and number, or a place of exactly that name with a point.</summary>
    static PlaceSuggestion? ExactMatch(PlaceQuery query, IReadOnlyList<PlaceSearch.LocalMatch> local, StreetRow? street)
    {
        if (query.HouseNumber is not null)
            return local.FirstOrDefault(m => m.Suggestion.Kind == PlaceKind.Address && m.HouseNumber == query.HouseNumber
                                              && (m.Normalized == query.Name || m.Normalized == street?.Normalized))?.Suggestion;
        if (street is not null && street.Lat is not null && street.Normalized == query.Name)
            return local.FirstOrDefault(m => m.Suggestion.Kind == PlaceKind.Street && m.Normalized == street.Normalized)?.Suggestion;
        return local.FirstOrDefault(m => m.Normalized == query.Name && m.Suggestion.Kind != PlaceKind.Address)?.Suggestion;
    }

    public sealed record StreetRow(string Label, string Normalized, double? Lat, double? Lon, string Source);

    async Task<StreetRow?> FindStreetAsync(string name, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QueryFirstOrDefaultAsync<StreetRow>(new CommandDefinition(StreetSql,
            new { name, suffix = "% " + EscapeLike(name) }, cancellationToken: ct));
    }

    async Task<IEnumerable<PlaceOption>> StreetKnownAsync(StreetRow street, string? houseNumber, CancellationToken ct)
    {
        var number = houseNumber is not null && int.TryParse(new string(houseNumber.TakeWhile(char.IsDigit).ToArray()), out var n) ? n : 0;
        // The street's own name as a stop name, word for word: "Wielicka" in "Wielicka Granica Miasta".
        var name = TextSearch.Fold(StreetName(street.Label));
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        using var results = await connection.QueryMultipleAsync(new CommandDefinition(StreetKnownSql,
            new { normalized = street.Normalized, number, namePattern = "% " + EscapeLike(name) + " %" }, cancellationToken: ct));
        var numbers = await results.ReadAsync<(string Label, string Kind, double Lat, double Lon, string Source)>();
        var stops = await results.ReadAsync<(string Label, string Kind, double Lat, double Lon, string Source)>();
        return numbers.Select(r => new PlaceOption(search.ToSuggestion(r.Label, r.Kind, r.Lat, r.Lon, r.Source), PlaceOptionReason.NearbyNumber))
            .Concat(stops.Select(r => new PlaceOption(search.ToSuggestion(r.Label, r.Kind, r.Lat, r.Lon, r.Source), PlaceOptionReason.StreetStop)))
            .ToList();
    }

    /// <summary>"ul. Kalwaryjska" → "Kalwaryjska", "al. Adama Mickiewicza" → "Adama Mickiewicza"; "Rynek Główny" stays whole.</summary>
    static string StreetName(string label)
    {
        foreach (var prefix in new[] { "ul. ", "al. ", "os. ", "pl. ", "bulw. " })
            if (label.StartsWith(prefix, StringComparison.Ordinal)) return label[prefix.Length..];
        return label;
    }

    static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
