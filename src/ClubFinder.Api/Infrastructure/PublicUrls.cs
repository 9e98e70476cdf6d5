using Microsoft.Extensions.Options;

namespace ClubFinder.Api.Infrastructure;

public class AppOptions
{
    public const string Section = "App";

    /// <summary>
    /// Where the public reaches the service (https://kluby.example.org), for absolute links in calendar
    /// feeds and invitation links. Required outside Development and Testing.
    /// </summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>
/// Absolute links come from configuration, never from the request's Host header: a forged Host
/// would otherwise land in publicly cached calendars and in the set-password links Admins hand out.
/// </summary>
public static class PublicUrls
{
    public static IServiceCollection AddClubFinderPublicUrls(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicBaseUrl) || IsValid(o.PublicBaseUrl),
                "App:PublicBaseUrl must be an absolute http(s) URL without query or fragment, such as https://kluby.example.org.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.PublicBaseUrl) || MayUseRequestHost(environment),
                "Set App:PublicBaseUrl (environment App__PublicBaseUrl) to the address the public uses, such as https://kluby.example.org: "
                + "links in calendars and invitations are built from it.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>The site's absolute base URL without a trailing slash.</summary>
    public static string SiteUrl(HttpRequest request)
    {
        var services = request.HttpContext.RequestServices;
        var configured = services.GetRequiredService<IOptions<AppOptions>>().Value.PublicBaseUrl;
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim().TrimEnd('/');
        if (MayUseRequestHost(services.GetRequiredService<IHostEnvironment>()))
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        throw new InvalidOperationException("App:PublicBaseUrl is not set.");
    }

    static bool MayUseRequestHost(IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    static bool IsValid(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0;
}
