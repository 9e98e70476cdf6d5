namespace ClubFinder.Api.Embed;

/// <summary>
/// Which sites may show the finder in a frame (and call the public API from their pages): exact
/// origins such as <c>https://kkr.krakow.pl</c>. The defaults live in appsettings.json, because
/// the configuration binder appends to a list a class already holds.
/// </summary>
public class EmbedOptions
{
    public const string Section = "Embed";

    /// <summary>Origins (scheme://host[:port]); blank entries are skipped so that an override can shorten the list.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>The allowed origins in their canonical form ("https://kkr.krakow.pl"), without duplicates.</summary>
    public IReadOnlyList<string> Origins() =>
        AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o))
            .Select(o => TryNormalize(o, out var origin) ? origin : o.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Every entry must be a plain http(s) origin: these go verbatim into a CSP header.</summary>
    public static bool IsValid(EmbedOptions options) =>
        options.AllowedOrigins.All(o => string.IsNullOrWhiteSpace(o) || TryNormalize(o, out _));

    public static bool TryNormalize(string text, out string origin)
    {
        origin = "";
        var trimmed = text.Trim().TrimEnd('/');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0 || uri.PathAndQuery != "/" || uri.Fragment.Length > 0
            || trimmed.Contains('*') || trimmed.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '\'' or '"'))
        {
            return false;
        }
        origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        return true;
    }
}
