using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClubFinder.Api.Schedules;

namespace ClubFinder.Api.Clubs;

/// <summary>
/// <c>/clubs/{slug}</c> as HTML the server fills in: the finder page (index.html) with the club's
/// facts already in it (readable without scripts, and by link previews and search engines), a
/// title, a description, Open Graph tags and schema.org JSON-LD. The page's scripts then take
/// over as on any other route. Text is HTML-encoded; the JSON-LD is serialised with the default
/// encoder, which escapes &lt; and &gt;, so no value can close the script element.
/// </summary>
public static partial class ClubPage
{
    [System.Text.RegularExpressions.GeneratedRegex("data-i18n=\"([A-Za-z0-9.]+)\"></")]
    private static partial System.Text.RegularExpressions.Regex I18nText();

    public static readonly string[] Languages = ["pl", "en", "uk"];
    static readonly ConcurrentDictionary<string, string> Files = new();
    static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> Catalogues = new();

    public static IEndpointRouteBuilder MapClubPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/clubs/{slug}", Render)
            .WithName("ClubPage")
            .WithSummary("A club's page as HTML with its facts, Open Graph tags and JSON-LD")
            .ExcludeFromDescription();
        return app;
    }

    static IResult Render(string slug, string? lang, HttpContext http, ClubDirectory directory, TimeProvider clock, IWebHostEnvironment env,
        Infrastructure.StaticAssets assets)
    {
        var template = Files.GetOrAdd(Path.Combine(env.WebRootPath, "index.html"), path => assets.Rewrite(File.ReadAllText(path)));
        // An unknown club is a 404 that search engines drop, and still the finder page: its
        // scripts say the club could not be found and the search is right there.
        if (slug.Length > 200 || !directory.Current.BySlug.TryGetValue(slug, out var entry))
            return Results.Content(template.Replace("<!-- server:head -->", "<meta name=\"robots\" content=\"noindex\">"),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

        var language = Languages.Contains(lang) ? lang! : "pl";
        var text = Catalogue(env, language);
        var club = entry.ToDetails(Warsaw.Now(clock));
        var url = $"{http.Request.Scheme}://{http.Request.Host}/clubs/{Uri.EscapeDataString(club.Slug)}";
        var html = template
            .Replace("<html lang=\"pl\">", $"<html lang=\"{language}\">")
            .Replace("<title>Kluby Rodziców w Krakowie</title>", "")
            .Replace("<!-- server:head -->", Head(club, text, url, language))
            .Replace("<body class=\"finder-page\"", "<body class=\"finder-page\" data-page=\"club\"")
            .Replace("<section id=\"results-section\" class=\"results\"", "<section id=\"results-section\" class=\"results\" hidden");
        // The page's own labels in the chosen language too, for readers without scripts.
        html = I18nText().Replace(html, m => $"data-i18n=\"{m.Groups[1].Value}\">{E(T(text, m.Groups[1].Value))}</");
        var start = html.IndexOf("<!-- server:club -->", StringComparison.Ordinal);
        var end = html.IndexOf("<!-- /server:club -->", StringComparison.Ordinal);
        if (start >= 0 && end > start)
            html = string.Concat(html.AsSpan(0, start), Section(club, text, language), html.AsSpan(end));
        return Results.Content(html, "text/html; charset=utf-8");
    }

    static IReadOnlyDictionary<string, string> Catalogue(IWebHostEnvironment env, string language) =>
        Catalogues.GetOrAdd(Path.Combine(env.WebRootPath, "i18n", $"{language}.json"), path =>
        {
            var result = new Dictionary<string, string>();
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var property in json.RootElement.EnumerateObject())
                if (property.Value.ValueKind == JsonValueKind.String) result[property.Name] = property.Value.GetString()!;
            return result;
        });

    static string T(IReadOnlyDictionary<string, string> text, string key, params (string Name, string Value)[] values)
    {
        var value = text.TryGetValue(key, out var found) ? found : key;
        foreach (var (name, replacement) in values) value = value.Replace("{" + name + "}", replacement);
        return value;
    }

    static string E(string? value) => WebUtility.HtmlEncode(value ?? "");

    static string Description(ClubDetails club, IReadOnlyDictionary<string, string> text) =>
        T(text, "page.clubDescription", ("name", club.Name), ("address", club.District is { } d ? $"{club.Address.Label}, {d.Name}" : club.Address.Label));

    static string Head(ClubDetails club, IReadOnlyDictionary<string, string> text, string url, string language)
    {
        var title = $"{club.Name} – {T(text, "app.title")}";
        var description = Description(club, text);
        var locale = language switch { "en" => "en_GB", "uk" => "uk_UA", _ => "pl_PL" };
        var head = new StringBuilder();
        head.Append($"<title>{E(title)}</title>\n");
        head.Append($"  <meta name=\"description\" content=\"{E(description)}\">\n");
        head.Append($"  <link rel=\"canonical\" href=\"{E(url)}\">\n");
        head.Append("  <meta property=\"og:type\" content=\"website\">\n");
        head.Append($"  <meta property=\"og:site_name\" content=\"{E(T(text, "app.title"))}\">\n");
        head.Append($"  <meta property=\"og:title\" content=\"{E(club.Name)}\">\n");
        head.Append($"  <meta property=\"og:description\" content=\"{E(description)}\">\n");
        head.Append($"  <meta property=\"og:url\" content=\"{E(url)}\">\n");
        head.Append($"  <meta property=\"og:locale\" content=\"{locale}\">\n");
        head.Append($"  <script type=\"application/ld+json\">{JsonLd(club, url, description)}</script>");
        return head.ToString();
    }

    static readonly string[] SchemaDays = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <summary>schema.org: the club as a Place, its weekly sessions as Events with an eventSchedule.</summary>
    public static string JsonLd(ClubDetails club, string url, string description)
    {
        var place = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Place",
            ["@id"] = url,
            ["name"] = club.Name,
            ["url"] = url,
            ["description"] = description,
            ["address"] = new JsonObject
            {
                ["@type"] = "PostalAddress",
                ["streetAddress"] = string.Join(' ', new[] { club.Address.Street, club.Address.HouseNumber }.Where(s => !string.IsNullOrWhiteSpace(s))),
                ["postalCode"] = club.Address.Postcode,
                ["addressLocality"] = "Kraków",
                ["addressCountry"] = "PL",
            },
            ["geo"] = new JsonObject
            {
                ["@type"] = "GeoCoordinates",
                ["latitude"] = Math.Round(club.Location.Lat, 6),
                ["longitude"] = Math.Round(club.Location.Lon, 6),
            },
        };
        if (club.Contacts.Phone is { Length: > 0 } phone) place["telephone"] = phone;
        if (club.Contacts.Email is { Length: > 0 } email) place["email"] = email;
        if (club.Sessions.Count > 0)
        {
            var events = new JsonArray();
            foreach (var session in club.Sessions)
            {
                var schedule = new JsonObject
                {
                    ["@type"] = "Schedule",
                    ["repeatFrequency"] = "P1W",
                    ["byDay"] = $"https://schema.org/{SchemaDays[session.Weekday]}",
                    ["startTime"] = session.StartsAt,
                    ["scheduleTimezone"] = "Europe/Warsaw",
                };
                if (session.EndsAt is not null) schedule["endTime"] = session.EndsAt;
                var from = session.ValidFrom ?? club.Season.ValidFrom;
                var to = session.ValidTo ?? club.Season.ValidTo;
                if (from is { } f) schedule["startDate"] = f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                if (to is { } t) schedule["endDate"] = t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                events.Add(new JsonObject
                {
                    ["@type"] = "Event",
                    ["name"] = session.Title ?? club.Name,
                    ["inLanguage"] = "pl",
                    ["eventSchedule"] = schedule,
                    ["location"] = new JsonObject { ["@id"] = url },
                });
            }
            place["event"] = events;
        }
        // The default encoder escapes <, >, & and quotes as \uXXXX: "</script>" cannot occur.
        return place.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    static string Section(ClubDetails club, IReadOnlyDictionary<string, string> text, string language)
    {
        var pl = language == "pl" ? "" : " lang=\"pl\"";
        var html = new StringBuilder();
        html.Append($"<section id=\"club-details\" class=\"details\" aria-labelledby=\"club-details-heading\" data-server-slug=\"{E(club.Slug)}\">\n");
        html.Append($"  <button type=\"button\" id=\"back-to-results\" class=\"button button--link back-link\"><span aria-hidden=\"true\">←</span> <span data-i18n=\"details.back\">{E(T(text, "details.back"))}</span></button>\n");
        html.Append($"  <h2 id=\"club-details-heading\" tabindex=\"-1\">{E(club.Name)}</h2>\n");
        html.Append("  <div id=\"club-details-body\">\n");
        var type = T(text, $"operatorType.{club.Operator.Type}");
        html.Append($"    <p class=\"details__operator\">{E(T(text, "club.operatorWithType", ("name", club.Operator.Name), ("type", type)))}</p>\n");
        html.Append($"    <p class=\"open-state\">{E(OpenState(club, text, language))}</p>\n");
        if (club.ParentNote is { Length: > 0 } note)
            html.Append($"    <p class=\"details__parent-note\"{pl}>{E(note)}</p>\n");
        html.Append(Actions(club, text));
        html.Append("    <dl class=\"facts\">\n");
        Fact(html, T(text, "details.address"), E(club.Address.Label) + (club.Location.Precision == LocationPrecision.Building ? "" :
            $"<span class=\"caveat approx-note\">{E(T(text, club.Location.Precision == LocationPrecision.Area ? "details.approximateAreaShort" : "details.approximateStreetShort"))}</span>"));
        if (club.District is { } district)
            Fact(html, T(text, "details.district"), E(T(text, "details.districtValue", ("number", district.Number.ToString(CultureInfo.InvariantCulture)), ("name", district.Name))));
        Fact(html, T(text, "details.fee"), club.Fee is { Length: > 0 } fee ? $"<span{pl}>{E(fee)}</span>" : E(T(text, "details.unknown")));
        Fact(html, T(text, "details.registration"), E(T(text, club.RegistrationRequired switch
        {
            true => "details.registrationRequired",
            false => "details.registrationNotRequired",
            null => "details.unknown",
        })));
        html.Append("    </dl>\n");
        if (club.Description is { Length: > 0 } about)
            html.Append($"    <h3>{E(T(text, "details.about"))}</h3>\n    <p class=\"details__text\"{pl}>{E(about)}</p>\n");
        html.Append(Schedule(club, text, pl, Culture(language)));
        html.Append(HowWeKnow(club, text));
        html.Append("  </div>\n</section>\n");
        return html.ToString();
    }

    static void Fact(StringBuilder html, string term, string encodedValue) =>
        html.Append($"      <dt>{E(term)}</dt><dd>{encodedValue}</dd>\n");

    static string OpenState(ClubDetails club, IReadOnlyDictionary<string, string> text, string language)
    {
        if (club.OpenNow is null) return T(text, "club.scheduleUnknown");
        if (club.OpenNow == true) return T(text, "club.openNow");
        if (club.NextOpening is not { } next) return T(text, "club.closedNow");
        return T(text, "club.closedNext", ("next", next.ToString("dddd, d MMMM HH:mm", Culture(language))));
    }

    static CultureInfo Culture(string language) =>
        CultureInfo.GetCultureInfo(language == "uk" ? "uk-UA" : language == "en" ? "en-GB" : "pl-PL");

    static string Actions(ClubDetails club, IReadOnlyDictionary<string, string> text)
    {
        var html = new StringBuilder("    <div class=\"actions\">\n");
        var phone = club.Contacts.Phone?.Split(',', ';')[0].Trim();
        var digits = phone is null ? "" : new string(phone.Where(c => char.IsDigit(c) || c == '+').ToArray());
        if (digits.Length >= 6)
            html.Append($"      <a class=\"action\" href=\"tel:{E(digits)}\"><span class=\"action__label\">{E(T(text, "details.actionCall"))}</span><span class=\"action__detail\">{E(phone)}</span></a>\n");
        var point = string.Create(CultureInfo.InvariantCulture, $"{club.Location.Lat:F6},{club.Location.Lon:F6}");
        html.Append($"      <a class=\"action\" href=\"https://www.google.com/maps/dir/?api=1&amp;destination={point}&amp;travelmode=walking\" rel=\"noopener\">" +
            $"<span class=\"action__label\">{E(T(text, "details.actionDirections"))}</span></a>\n");
        if (Uri.TryCreate(club.Contacts.Website, UriKind.Absolute, out var site) && site.Scheme is "http" or "https")
            html.Append($"      <a class=\"action\" href=\"{E(site.AbsoluteUri)}\" rel=\"noopener\"><span class=\"action__label\">{E(T(text, "details.actionWebsite"))}</span></a>\n");
        else if (club.Contacts.Email is { Length: > 0 } email && email.Contains('@'))
            html.Append($"      <a class=\"action\" href=\"mailto:{E(email.Trim())}\"><span class=\"action__label\">{E(T(text, "details.actionEmail"))}</span></a>\n");
        if (club.Sessions.Count > 0)
            html.Append($"      <a class=\"action\" href=\"/api/clubs/{Uri.EscapeDataString(club.Slug)}/calendar.ics\"><span class=\"action__label\">{E(T(text, "details.actionCalendar"))}</span></a>\n");
        html.Append("    </div>\n");
        return html.ToString();
    }

    static string Schedule(ClubDetails club, IReadOnlyDictionary<string, string> text, string pl, CultureInfo culture)
    {
        var html = new StringBuilder($"    <h3 id=\"schedule-heading\">{E(T(text, "details.schedule"))}</h3>\n");
        if (club.Sessions.Count == 0)
        {
            html.Append($"    <p class=\"details__text\">{E(T(text, "details.scheduleNotPublished"))}</p>\n");
            if (club.OpeningHoursText is { Length: > 0 } hours)
                html.Append($"    <p class=\"details__text details__hours\"{pl}>{E(hours)}</p>\n");
            return html.ToString();
        }
        html.Append("    <table class=\"schedule server-schedule\" aria-labelledby=\"schedule-heading\"><thead><tr>");
        foreach (var key in new[] { "details.day", "details.time", "details.activity" })
            html.Append($"<th scope=\"col\">{E(T(text, key))}</th>");
        html.Append("</tr></thead><tbody>\n");
        foreach (var session in club.Sessions)
        {
            // 2024-01-01 was a Monday: the language's own weekday names, as the page's scripts use.
            var dayName = new DateTime(2024, 1, session.Weekday).ToString("dddd", culture);
            var day = char.ToUpper(dayName[0], culture) + dayName[1..];
            var time = session.EndsAt is null
                ? T(text, "details.timeFrom", ("start", session.StartsAt))
                : T(text, "details.timeRange", ("start", session.StartsAt), ("end", session.EndsAt));
            html.Append($"      <tr><th scope=\"row\">{E(day)}</th><td class=\"schedule__time\">{E(time)}</td><td{pl}>{E(session.Title)}</td></tr>\n");
        }
        html.Append("    </tbody></table>\n");
        return html.ToString();
    }

    static string HowWeKnow(ClubDetails club, IReadOnlyDictionary<string, string> text)
    {
        var html = new StringBuilder("    <details class=\"how-we-know\">\n");
        html.Append($"      <summary class=\"how-we-know__summary\">{E(T(text, "details.howWeKnow"))}</summary>\n");
        html.Append($"      <p class=\"details__text\">{E(T(text, "details.howWeKnowIntro"))}</p>\n");
        html.Append("      <ul class=\"sources\">\n");
        var urls = club.Sources.Select(s => s.Url).Prepend(club.SourceUrl).Where(u => u is not null).Distinct();
        foreach (var url in urls)
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                html.Append($"        <li><a href=\"{E(uri.AbsoluteUri)}\" rel=\"noopener\">{E(uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host)}</a></li>\n");
        html.Append("      </ul>\n    </details>\n");
        return html.ToString();
    }
}
