using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace ClubFinder.Api.Places;

/// <summary>One gazetteer row before it is stored; Lat/Lon null for a register name without a point.</summary>
public sealed record PlaceRow(string Label, string Normalized, string Kind, string? Street, string? HouseNumber, string? Postcode,
    double? Lat, double? Lon, string Source);

/// <summary>
/// Bulk upsert into `places`: binary COPY into a staging table, then one INSERT … ON CONFLICT.
/// Callers commit, then tell <see cref="PlaceIndex.ChangedAsync"/>, so suggestions show the write.
/// </summary>
public static class PlaceWriter
{
    const string Staging = """
        CREATE TEMP TABLE place_staging (
            label text, normalized text, kind text, street text, house_number text, postcode text,
            lat double precision, lon double precision, source text) ON COMMIT DROP
        """;

    const string Upsert = """
        INSERT INTO places (label, normalized, kind, street, house_number, postcode, geom, source, fetched_at)
        SELECT DISTINCT ON (kind, normalized, house_number)
               label, normalized, kind, street, house_number, postcode,
               CASE WHEN lat IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END, source, now()
        FROM place_staging
        ORDER BY kind, normalized, house_number, lat NULLS LAST
        ON CONFLICT (kind, normalized, house_number) DO UPDATE
        SET label = excluded.label, street = excluded.street, postcode = COALESCE(excluded.postcode, places.postcode),
            geom = COALESCE(excluded.geom, places.geom),
            -- A register name without a point keeps the source of the point it already has (e.g. the geocoder's).
            source = CASE WHEN excluded.geom IS NULL AND places.geom IS NOT NULL THEN places.source ELSE excluded.source END,
            fetched_at = excluded.fetched_at
        """;

    /// <summary>Every address's street is a searchable name too (address points are found through it).</summary>
    const string Streets = """
        INSERT INTO places (label, normalized, kind, street, source, fetched_at)
        SELECT DISTINCT ON (normalized) street, normalized, 'street', street, source, now()
        FROM place_staging WHERE kind = 'address' AND street IS NOT NULL
        ORDER BY normalized
        ON CONFLICT (kind, normalized, house_number) DO NOTHING
        """;

    /// <summary>A street gets the centre of its address points.</summary>
    const string StreetPoints = """
        UPDATE places s SET geom = a.centre
        FROM (SELECT normalized, ST_Centroid(ST_Collect(geom)) AS centre FROM places
              WHERE kind = 'address' AND geom IS NOT NULL GROUP BY normalized) a
        WHERE s.kind = 'street' AND s.normalized = a.normalized AND s.geom IS DISTINCT FROM a.centre
        """;

    public static async Task<int> WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<PlaceRow> rows, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(Staging, transaction: transaction, cancellationToken: ct));
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY place_staging (label, normalized, kind, street, house_number, postcode, lat, lon, source) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(row.Label, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Normalized, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(row.Kind, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, row.Street, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, row.HouseNumber, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, row.Postcode, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, row.Lat, NpgsqlDbType.Double, ct);
                await WriteNullableAsync(copy, row.Lon, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(row.Source, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        var written = await connection.ExecuteAsync(new CommandDefinition(Upsert, transaction: transaction, cancellationToken: ct, commandTimeout: 300));
        await connection.ExecuteAsync(new CommandDefinition(Streets, transaction: transaction, cancellationToken: ct, commandTimeout: 300));
        await connection.ExecuteAsync(new CommandDefinition(StreetPoints, transaction: transaction, cancellationToken: ct, commandTimeout: 300));
        await connection.ExecuteAsync(new CommandDefinition("DROP TABLE place_staging", transaction: transaction, cancellationToken: ct));
        return written;
    }

    static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);
}
