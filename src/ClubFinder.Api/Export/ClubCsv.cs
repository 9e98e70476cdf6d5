using System.Globalization;
using System.Text;
using ClubFinder.Api.Clubs;

namespace ClubFinder.Api.Export;

/// <summary>
/// The open-data CSV of clubs: the export's columns are the import's columns, so an export can be
/// edited in a spreadsheet and uploaded back. Weekly sessions and closures are not in the CSV and are
/// left as they are on import. UTF-8 with BOM (spreadsheets), RFC 4180 quoting.
/// </summary>
public static class ClubCsv
{
    public static readonly string[] Columns =
    [
        "slug", "name", "operator_slug", "operator_name", "operator_type", "street", "house_number", "postcode", "lat", "lon",
        "location_precision", "district_number", "district_name", "phone", "email", "website", "fee", "registration_required",
        "special_needs", "languages", "status", "valid_from", "valid_to", "last_verified_at", "source_url", "description",
    ];

    public static byte[] Write(IEnumerable<ClubDetails> clubs)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns).Append("\r\n");
        foreach (var c in clubs)
        {
            string?[] values =
            [
                c.Slug, c.Name, c.Operator.Slug, c.Operator.Name, c.Operator.Type, c.Address.Street, c.Address.HouseNumber, c.Address.Postcode,
                F(c.Location.Lat), F(c.Location.Lon), c.Location.Precision, c.District?.Number.ToString(CultureInfo.InvariantCulture),
                c.District?.Name, c.Contacts.Phone, c.Contacts.Email, c.Contacts.Website, c.Fee, B(c.RegistrationRequired), B(c.SpecialNeeds),
                string.Join(' ', c.Languages), c.Status, D(c.Season.ValidFrom), D(c.Season.ValidTo), D(c.LastVerifiedAt), c.SourceUrl, c.Description,
            ];
            sb.AppendJoin(',', values.Select(Quote)).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    static string? B(bool? value) => value?.ToString().ToLowerInvariant();
    static string? D(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        // A leading =, +, -, @, tab or carriage return would run as a formula in a spreadsheet.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n', ';']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Unquote(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    /// <summary>A CSV row onto a document: columns present replace the field, absent columns keep the current value.</summary>
    public static (ClubDocument? Doc, List<string> Errors) ToDocument(IReadOnlyDictionary<string, string> row, ClubDocument? current,
        IReadOnlyDictionary<string, string> operatorSlugsByName)
    {
        var errors = new List<string>();
        string? Get(string column) => row.TryGetValue(column, out var v) && !string.IsNullOrWhiteSpace(v) ? Unquote(v.Trim()) : null;
        bool Has(string column) => row.ContainsKey(column);
        var doc = current ?? new ClubDocument { Languages = ["pl"], Sessions = [], Closures = [] };

        var slug = Get("slug");
        if (slug is null) errors.Add("slug: required");
        var organization = Get("operator_slug") ?? (Get("operator_name") is { } name && operatorSlugsByName.TryGetValue(name, out var s) ? s : null)
            ?? doc.Organization;
        if (organization is null) errors.Add("operator_slug/operator_name: unknown operator");
        double? lat = null, lon = null;
        if (Get("lat") is { } latText)
            if (double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) lat = v; else errors.Add($"lat: '{latText}' is not a number");
        if (Get("lon") is { } lonText)
            if (double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) lon = v; else errors.Add($"lon: '{lonText}' is not a number");
        var location = Has("lat") || Has("lon")
            ? lat is { } la && lon is { } lo ? new LocationDocument(la, lo, Get("location_precision") ?? doc.Location?.Precision ?? LocationPrecision.Building) : null
            : doc.Location;
        bool? Bool(string column, bool? fallback)
        {
            if (!Has(column)) return fallback;
            var text = Get(column);
            if (text is null) return null;
            if (bool.TryParse(text, out var b)) return b;
            errors.Add($"{column}: '{text}' is not true or false");
            return fallback;
        }
        DateOnly? Date(string column, DateOnly? fallback)
        {
            if (!Has(column)) return fallback;
            var text = Get(column);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add($"{column}: '{text}' is not a date yyyy-mm-dd");
            return fallback;
        }
        string? Text(string column, string? fallback) => Has(column) ? Get(column) : fallback;

        doc = doc with
        {
            Slug = slug,
            Name = Text("name", doc.Name),
            Organization = organization,
            Status = Text("status", doc.Status) ?? ClubStatus.Active,
            Address = new AddressDocument(Text("street", doc.Address?.Street), Text("house_number", doc.Address?.HouseNumber), Text("postcode", doc.Address?.Postcode)),
            Location = location,
            Phone = Text("phone", doc.Phone),
            Email = Text("email", doc.Email),
            Website = Text("website", doc.Website),
            Fee = Text("fee", doc.Fee),
            RegistrationRequired = Bool("registration_required", doc.RegistrationRequired),
            SpecialNeeds = Bool("special_needs", doc.SpecialNeeds) ?? false,
            Languages = Has("languages") ? (Get("languages") ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries) : doc.Languages,
            ValidFrom = Date("valid_from", doc.ValidFrom),
            ValidTo = Date("valid_to", doc.ValidTo),
            LastVerifiedAt = Date("last_verified_at", doc.LastVerifiedAt),
            SourceUrl = Text("source_url", doc.SourceUrl),
            Description = Text("description", doc.Description),
            District = null, Version = null, Stale = false,
        };
        return (errors.Count == 0 ? doc : null, errors);
    }
}
