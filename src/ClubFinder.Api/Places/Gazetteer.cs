using System.Globalization;
using ClubFinder.Api.Data;
using ClubFinder.Api.Infrastructure;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ClubFinder.Api.Places;

/// <summary>
/// Fills `places` from what the project has: district centres, the city's neighbourhood units,
/// the TERYT street register (names, no points) and the clubs' own addresses.
/// </summary>
public class Gazetteer(NpgsqlDataSource dataSource, PlaceIndex index, IOptions<DataOptions> options)
{
    public async Task<int> RebuildBaseAsync(CancellationToken ct = default)
    {
        var directory = options.Value.ResolvedDirectory;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        var rows = new List<PlaceRow>();
        var districts = await connection.QueryAsync<(int Number, string Roman, string Name, double Lat, double Lon)>(new CommandDefinition("""
            SELECT number, roman, name, ST_Y(ST_PointOnSurface(geom)), ST_X(ST_PointOnSurface(geom)) FROM districts
            """, transaction: transaction, cancellationToken: ct));
        rows.AddRange(districts.Select(d => new PlaceRow($"{d.Name} (dzielnica {d.Roman})", PlaceText.NormalizeName(d.Name),
            PlaceKind.District, null, null, null, d.Lat, d.Lon, "districts")));

        var neighbourhoods = Path.Combine(directory, "neighbourhoods.csv");
        if (File.Exists(neighbourhoods))
            rows.AddRange(Csv.ReadFile(neighbourhoods).Select(r => new PlaceRow(r["name"], PlaceText.NormalizeName(r["name"]),
                PlaceKind.Neighbourhood, null, null, null, double.Parse(r["lat"], CultureInfo.InvariantCulture),
                double.Parse(r["lon"], CultureInfo.InvariantCulture), "neighbourhoods")));

        var streets = Path.Combine(directory, "teryt-streets.csv");
        if (File.Exists(streets))
            rows.AddRange(Csv.ReadFile(streets).Select(r =>
            {
                var label = StreetLabel(r["prefix"], r["name_2"], r["name_1"]);
                return new PlaceRow(label, PlaceText.NormalizeName(label), PlaceKind.Street, label, null, null, null, null, "teryt");
            }));

        var clubs = await connection.QueryAsync<(string Name, string? Street, string? HouseNumber, string? Postcode, double Lat, double Lon, string Precision)>(
            new CommandDefinition("""
                SELECT name, street, house_number, postcode, ST_Y(location), ST_X(location), location_precision
                FROM clubs WHERE location IS NOT NULL AND status <> 'closed'
                """, transaction: transaction, cancellationToken: ct));
        foreach (var club in clubs)
        {
            rows.Add(new PlaceRow(club.Name, PlaceText.NormalizeName(club.Name), PlaceKind.Club, club.Street, club.HouseNumber, club.Postcode,
                club.Lat, club.Lon, "clubs"));
            // A point at the building stands for the address, a point on the street for the street;
            // an area point stands for neither.
            if (club.Street is null) continue;
            if (club.Precision == "building" && club.HouseNumber is not null)
                rows.Add(new PlaceRow($"{club.Street} {club.HouseNumber}", PlaceText.NormalizeName(club.Street), PlaceKind.Address,
                    club.Street, PlaceText.NormalizeHouseNumber(club.HouseNumber), club.Postcode, club.Lat, club.Lon, "clubs"));
            else if (club.Precision == "street")
                rows.Add(new PlaceRow(club.Street, PlaceText.NormalizeName(club.Street), PlaceKind.Street, club.Street, null, club.Postcode,
                    club.Lat, club.Lon, "clubs"));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM places WHERE source IN ('districts', 'neighbourhoods', 'clubs')", transaction: transaction, cancellationToken: ct));
        var written = await PlaceWriter.WriteAsync(connection, transaction, rows, ct);
        await transaction.CommitAsync(ct);
        await index.ChangedAsync(ct);
        return written;
    }

    /// <summary>"ul." + "Adama" + "Mickiewicza" → "ul. Adama Mickiewicza"; the register's "inne" is no prefix.</summary>
    public static string StreetLabel(string prefix, string? name2, string name1)
    {
        // The register spells some estates "os." + "Osiedle Oświecenia"; say it once.
        // "rynek" + "Rynek Główny" and "park" + "Park Jordana" likewise.
        var redundant = prefix == "inne" || (prefix == "os." && name1.StartsWith("Osiedle ", StringComparison.Ordinal))
                        || name1.StartsWith(prefix + " ", StringComparison.OrdinalIgnoreCase);
        if (redundant && prefix == "os.") name1 = "os. " + name1["Osiedle ".Length..];
        return string.Join(' ', new[] { redundant ? null : prefix, name2, name1 }.Where(s => !string.IsNullOrWhiteSpace(s)));
    }
}
