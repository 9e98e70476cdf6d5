using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ClubFinder.Api.Infrastructure;

/// <summary>The service's one error shape: RFC 9457 problem JSON with a Polish/English title.</summary>
public static class Problems
{
    public static string TitleFor(int status) => status switch
    {
        400 => "Nieprawidłowe zapytanie / Invalid request",
        401 => "Wymagane logowanie / Sign-in required",
        403 => "Brak uprawnień / Forbidden",
        404 => "Nie znaleziono / Not found",
        405 => "Niedozwolona metoda / Method not allowed",
        409 => "Konflikt / Conflict",
        412 => "Dane zmieniły się w międzyczasie / The data changed meanwhile",
        413 => "Za duże zapytanie / Request too large",
        414 => "Za długi adres / URI too long",
        415 => "Nieobsługiwany format / Unsupported media type",
        428 => "Wymagany nagłówek If-Match / If-Match required",
        429 => "Za dużo zapytań / Too many requests",
        431 => "Za duże nagłówki / Request headers too large",
        503 => "Usługa chwilowo niedostępna / Service temporarily unavailable",
        >= 500 => "Błąd serwera / Server error",
        _ => "Błąd / Error",
    };

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: 404, title: TitleFor(404));

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: TitleFor(400),
            detail: string.Join(" ", errors.SelectMany(e => e.Value)));

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Fills in the bilingual title for problems the framework writes (404 routes, 405, 500).</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? 500;
        if (problem.Title is null || problem.Title == DefaultTitle(status)
            || problem.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status))
            problem.Title = TitleFor(status);
        if (status >= 500)
        {
            problem.Detail = "Spróbuj ponownie za chwilę. / Please try again in a moment.";
            problem.Extensions.Remove("exception");
        }
        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }

    static string? DefaultTitle(int status) => status switch
    {
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "An error occurred while processing your request.",
        _ => null,
    };
}

/// <summary>Reads query strings by hand so that every malformed value gets a clear 400, never a 500.</summary>
public sealed class QueryErrors
{
    public const int MaxTextLength = 200;
    readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public ValidationProblem ToProblem() => Problems.Invalid(errors);

    public void Add(string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public double? Number(string? raw, string field, double min, double max, string what)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (!double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Add(field, $"'{Clip(raw)}' is not a number ({what}).");
            return null;
        }
        if (value < min || value > max)
        {
            Add(field, $"{value.ToString(CultureInfo.InvariantCulture)} is out of range: {what} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }
        return value;
    }

    public int? Integer(string? raw, string field, int min, int max, string what)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        if (!int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Add(field, $"'{Clip(raw)}' is not a whole number ({what}).");
            return null;
        }
        if (value < min || value > max)
        {
            Add(field, $"{value} is out of range: {what} must be between {min} and {max}.");
            return null;
        }
        return value;
    }

    public bool? Boolean(string? raw, string field)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        switch (raw.Trim().ToLowerInvariant())
        {
            case "true" or "1" or "yes": return true;
            case "false" or "0" or "no": return false;
            default:
                Add(field, $"'{Clip(raw)}' is not true or false.");
                return null;
        }
    }

    /// <summary>Trimmed text, null when empty; longer than 200 characters is an error.</summary>
    public string? Text(string? raw, string field)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > MaxTextLength)
        {
            Add(field, $"The text is {text.Length} characters long; at most {MaxTextLength} are allowed.");
            return null;
        }
        if (text.Any(char.IsControl))
        {
            Add(field, "The text contains control characters.");
            return null;
        }
        return text;
    }

    /// <summary>A required point within the service area (50 km from Kraków).</summary>
    public (double Lat, double Lon)? Point(string? rawLat, string? rawLon)
    {
        if (string.IsNullOrWhiteSpace(rawLat)) Add("lat", "lat is required (latitude, −90…90).");
        if (string.IsNullOrWhiteSpace(rawLon)) Add("lon", "lon is required (longitude, −180…180).");
        var lat = Number(rawLat, "lat", -90, 90, "latitude");
        var lon = Number(rawLon, "lon", -180, 180, "longitude");
        if (lat is null || lon is null) return null;
        if (!Geo.InServiceArea(lat.Value, lon.Value))
        {
            Add("lat", "The point is outside the service area: ClubFinder covers Kraków and 50 km around it. / Punkt leży poza obszarem usługi (Kraków i 50 km wokół).");
            return null;
        }
        return (lat.Value, lon.Value);
    }

    static string Clip(string raw) => raw.Length > 40 ? raw[..40] + "…" : raw;
}
