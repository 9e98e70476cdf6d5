using System.Globalization;
using ClubFinder.Api.Infrastructure;
using System.Text.Json;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using Npgsql;

namespace ClubFinder.Api.Places;

public record PlaceImportReport(int Read, int Imported, IReadOnlyDictionary<string, int> Skipped)
{
    public override string ToString() =>
        $"{Read} read, {Imported} imported, {Skipped.Values.Sum()} skipped" +
        (Skipped.Count == 0 ? "" : " (" + string.Join(", ", Skipped.Select(s => $"{s.Key}: {s.Value}")) + ")");
}

/// <summary>
/// Loads address points (`import-places FILE`): CSV with street,house_number,postcode,lat,lon (or the
/// national register's column names) or GeoJSON points with OpenStreetMap addr:* tags; or the stops
/// of a GTFS feed (`import-places A/stops.txt T/stops.txt`).
/// </summary>
public class PlaceFileImporter(NpgsqlDataSource dataSource, ClubDirectory directory, PlaceIndex index, ILogger<PlaceFileImporter> logger)
{
    static readonly string[] StreetColumns = ["street", "ulica", "nazwa_ulicy", "addr:street"];
    static readonly string[] NumberColumns = ["house_number", "housenumber", "numer_porzadkowy", "numer", "addr:housenumber"];
    static readonly string[] PostcodeColumns = ["postcode", "kod_pocztowy", "addr:postcode"];
    static readonly string[] LatColumns = ["lat", "latitude", "szerokosc"];
    static readonly string[] LonColumns = ["lon", "lng", "longitude", "dlugosc"];

    /// <summary>Imports address points, or public-transport stops when the files are GTFS `stops.txt` tables.</summary>
    public async Task<PlaceImportReport> ImportAsync(IReadOnlyList<string> files, CancellationToken ct = default)
    {
        foreach (var file in files)
            if (!File.Exists(file)) throw new ImportException(file, ["file not found"]);
        var gtfs = files.Where(GtfsStops.IsStopsFile).ToList();
        if (gtfs.Count > 0 && gtfs.Count < files.Count)
            throw new ImportException(files[0], ["give a feed's stops.txt files in one command and address files in another"]);
        if (gtfs.Count > 0) return await ImportStopsAsync(gtfs, ct);
        PlaceImportReport? total = null;
        foreach (var file in files)
        {
            var report = await ImportAsync(file, ct);
            total = total is null ? report : new PlaceImportReport(total.Read + report.Read, total.Imported + report.Imported,
                total.Skipped.Concat(report.Skipped).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value)));
        }
        return total!;
    }

    /// <summary>
    /// Replaces all stops with those of the given GTFS `stops.txt` files (one feed may ship several,
    /// e.g. buses and trams): platforms are grouped by name across the files, those outside Kraków dropped.
    /// </summary>
    public async Task<PlaceImportReport> ImportStopsAsync(IReadOnlyList<string> files, CancellationToken ct = default)
    {
        if (!directory.IsLoaded) await directory.ReloadAsync(ct);
        var skipped = new Dictionary<string, int>();
        var platforms = files.SelectMany(f => GtfsStops.Read(f, skipped)).ToList();
        var snapshot = directory.Current;
        var rows = GtfsStops.Group(platforms, (lat, lon) => snapshot.DistrictAt(lat, lon) is not null, skipped);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(
            "DELETE FROM places WHERE kind = @kind", new { kind = PlaceKind.Stop }, transaction, cancellationToken: ct));
        var imported = await PlaceWriter.WriteAsync(connection, transaction, rows, ct);
        await transaction.CommitAsync(ct);
        await index.ChangedAsync(ct);
        logger.LogInformation("Stops from {Files}: {Platforms} platforms, {Stops} stops", string.Join(", ", files.Select(Path.GetFileName)), platforms.Count, imported);
        return new PlaceImportReport(platforms.Count, imported, skipped);
    }

    public async Task<PlaceImportReport> ImportAsync(string file, CancellationToken ct = default)
    {
        if (!directory.IsLoaded) await directory.ReloadAsync(ct);
        var source = "import:" + Path.GetFileName(file);
        var skipped = new Dictionary<string, int>();
        var read = 0;
        var rows = new List<PlaceRow>();
        var records = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? Csv.ReadFile(file) : ReadGeoJson(file);
        foreach (var record in records)
        {
            read++;
            if (read % 50_000 == 0) logger.LogInformation("{File}: {Read} rows read", Path.GetFileName(file), read);
            var reason = ToRow(record, source, out var row);
            if (reason is null) rows.Add(row!);
            else skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var imported = await PlaceWriter.WriteAsync(connection, transaction, rows, ct);
        await transaction.CommitAsync(ct);
        await index.ChangedAsync(ct);
        var duplicates = rows.Count - imported;
        if (duplicates > 0) skipped["duplicate address"] = duplicates;
        return new PlaceImportReport(read, imported, skipped);
    }

    string? ToRow(IReadOnlyDictionary<string, string> record, string source, out PlaceRow? row)
    {
        row = null;
        var street = First(record, StreetColumns)?.Trim();
        var number = First(record, NumberColumns)?.Trim();
        if (string.IsNullOrEmpty(street)) return "no street";
        if (string.IsNullOrEmpty(number)) return "no house number";
        if (!double.TryParse(First(record, LatColumns), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) ||
            !double.TryParse(First(record, LonColumns), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) ||
            !double.IsFinite(lat) || !double.IsFinite(lon) || lat is < -90 or > 90 || lon is < -180 or > 180)
            return "no valid lat/lon (WGS84)";
        if (directory.Current.DistrictAt(lat, lon) is null) return "outside Kraków";
        var postcode = First(record, PostcodeColumns)?.Trim();
        row = new PlaceRow($"{street} {number}", PlaceText.NormalizeName(street), PlaceKind.Address, street,
            PlaceText.NormalizeHouseNumber(number), string.IsNullOrEmpty(postcode) ? null : postcode, lat, lon, source);
        return null;
    }

    static string? First(IReadOnlyDictionary<string, string> record, string[] names)
    {
        foreach (var name in names)
            if (record.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)) return value;
        return null;
    }

    static IEnumerable<Dictionary<string, string>> ReadGeoJson(string file)
    {
        using var stream = File.OpenRead(file);
        using var json = JsonDocument.Parse(stream);
        if (!json.RootElement.TryGetProperty("features", out var features)) throw new ImportException(file, ["not a GeoJSON FeatureCollection"]);
        foreach (var feature in features.EnumerateArray())
        {
            var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                foreach (var p in properties.EnumerateObject())
                    record[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString();
            if (feature.TryGetProperty("geometry", out var geometry) && geometry.ValueKind == JsonValueKind.Object &&
                geometry.GetProperty("type").GetString() == "Point")
            {
                var coordinates = geometry.GetProperty("coordinates");
                record["lon"] = coordinates[0].GetDouble().ToString("R", CultureInfo.InvariantCulture);
                record["lat"] = coordinates[1].GetDouble().ToString("R", CultureInfo.InvariantCulture);
            }
            yield return record;
        }
    }
}
