using System.Text.Json;
using ClubFinder.Api.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace ClubFinder.Api.Districts;

/// <summary>
/// Loads district polygons from any GeoJSON FeatureCollection whose features carry a number
/// (`id`, `number` or `nr`) and a `name`, so the official export replaces the seed file as is.
/// </summary>
public class DistrictImporter(ClubFinderDb db)
{
    static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public async Task<ImportResult> ImportAsync(string file, CancellationToken ct = default)
    {
        FeatureCollection? features;
        try
        {
            await using var stream = File.OpenRead(file);
            features = await JsonSerializer.DeserializeAsync<FeatureCollection>(stream, GeoJson, ct);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException or ArgumentException)
        {
            throw new ImportException(file, [$"not a readable GeoJSON FeatureCollection: {e.Message}"]);
        }

        var errors = new List<string>();
        var parsed = new List<District>();
        for (var i = 0; i < (features?.Count ?? 0); i++)
        {
            var district = Parse(features![i], i + 1, errors);
            if (district is not null) parsed.Add(district);
        }
        foreach (var duplicate in parsed.GroupBy(d => d.Number).Where(g => g.Count() > 1))
            errors.Add($"feature number {duplicate.Key} appears {duplicate.Count()} times");
        if (parsed.Count == 0 && errors.Count == 0) errors.Add("no features");
        if (errors.Count > 0) throw new ImportException(file, errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.Districts.ToDictionaryAsync(d => d.Number, ct);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var district in parsed)
        {
            if (!existing.TryGetValue(district.Number, out var current))
            {
                db.Districts.Add(district);
                created++;
            }
            else if (current.Name != district.Name || current.Roman != district.Roman || !current.Geom.EqualsExact(district.Geom))
            {
                (current.Name, current.Roman, current.Geom) = (district.Name, district.Roman, district.Geom);
                updated++;
            }
            else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        if (created + updated > 0)
            await db.Database.ExecuteSqlRawAsync("UPDATE districts SET area_km2 = round((ST_Area(geom::geography) / 1e6)::numeric, 2)", ct);
        await transaction.CommitAsync(ct);
        return new ImportResult(created, updated, unchanged, []);
    }

    static District? Parse(IFeature feature, int row, List<string> errors)
    {
        var where = $"feature {row}";
        var attributes = feature.Attributes;
        object? Get(string name) => attributes?.GetOptionalValue(name);
        var numberValue = Get("number") ?? Get("id") ?? Get("nr");
        if (!int.TryParse(Convert.ToString(numberValue, System.Globalization.CultureInfo.InvariantCulture), out var number) || number is < 1 or > 18)
        {
            errors.Add($"{where}, field 'number': expected a district number 1–18 (in `number`, `id` or `nr`), got '{numberValue}'");
            return null;
        }
        where = $"feature {row} (district {number})";
        var name = (Get("name") as string)?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add($"{where}, field 'name': missing");
            return null;
        }
        MultiPolygon? geom = feature.Geometry switch
        {
            MultiPolygon mp => mp,
            Polygon p => new MultiPolygon([p]),
            _ => null,
        };
        if (geom is null)
        {
            errors.Add($"{where}, field 'geometry': expected a Polygon or MultiPolygon, got {feature.Geometry?.GeometryType ?? "nothing"}");
            return null;
        }
        if (!geom.IsValid)
        {
            errors.Add($"{where}, field 'geometry': the polygon is not valid (self-intersecting or unclosed)");
            return null;
        }
        geom.SRID = 4326;
        return new District { Number = number, Roman = Get("roman") as string ?? RomanNumerals.ToRoman(number), Name = name, Geom = geom };
    }
}

public static partial class RomanNumerals
{
    static readonly string[] Numerals =
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII"];

    public static string ToRoman(int number) => Numerals[number - 1];

    /// <summary>Parses 1–18 given as digits or as a Roman numeral (any case).</summary>
    public static int? ParseDistrict(string text)
    {
        text = text.Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            return n;
        var index = Array.IndexOf(Numerals, text.ToUpperInvariant());
        return index >= 0 ? index + 1 : null;
    }

    /// <summary>
    /// Whether the text is written as a district identifier at all: digits, or a Roman numeral (XIX, xx).
    /// Such a text that names none of the 18 districts is an unknown district (404); anything else is malformed (400).
    /// </summary>
    public static bool IsWellFormed(string text)
    {
        text = text.Trim();
        return text.Length > 0 && (text.All(char.IsAsciiDigit) || WellFormedRoman().IsMatch(text));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex WellFormedRoman();
}
