using System.Net.Mail;
using ClubFinder.Api.Clubs;

namespace ClubFinder.Api.Suggestions;

/// <summary>Checks a public suggestion and turns it into a row; every message names the field in both languages.</summary>
public static class SuggestionRules
{
    public const int MaxText = 2000, MaxShort = 200, MaxLink = 500, MaxEmail = 254, MaxReason = 500;

    public static Dictionary<string, string[]> Validate(SuggestionRequest request, DirectorySnapshot directory, out Suggestion? suggestion)
    {
        var errors = new Dictionary<string, string[]>();
        suggestion = null;
        var text = Clean(request.Text, "text", MaxText, errors);
        var email = Clean(request.Email, "email", MaxEmail, errors);
        if (email is not null && !LooksLikeEmail(email))
            errors["email"] = ["To nie wygląda na adres e-mail. / This does not look like an e-mail address."];
        if (email is not null && !request.EmailConsent)
            errors["emailConsent"] = ["Zaznacz zgodę albo usuń adres e-mail. / Tick the consent or remove the e-mail address."];

        switch (request.Kind)
        {
            case SuggestionKind.Correction:
                DirectoryClub? club = null;
                if (string.IsNullOrWhiteSpace(request.Club)) errors["club"] = ["Brak klubu. / The club is missing."];
                else if (!directory.BySlug.TryGetValue(request.Club, out club))
                    errors["club"] = ["Nie ma takiego klubu. / No such club."];
                if (request.Topic is null || !SuggestionTopic.All.Contains(request.Topic))
                    errors["topic"] = [$"Wybierz, czego dotyczy zgłoszenie ({string.Join(", ", SuggestionTopic.All)}). / Choose what is wrong."];
                if (text is null && !errors.ContainsKey("text")) errors["text"] = ["Opisz, co jest nie tak. / Describe what is wrong."];
                if (errors.Count == 0)
                    suggestion = new Suggestion { Kind = SuggestionKind.Correction, ClubId = club!.Club.Id, Topic = request.Topic, Text = text, Email = email };
                break;
            case SuggestionKind.MissingClub:
                var name = Clean(request.Name, "name", MaxShort, errors);
                var place = Clean(request.Place, "place", MaxShort, errors);
                var operatorName = Clean(request.Operator, "operator", MaxShort, errors);
                var link = Clean(request.Link, "link", MaxLink, errors);
                if (name is null && !errors.ContainsKey("name")) errors["name"] = ["Podaj nazwę klubu. / Give the club's name."];
                if (place is null && !errors.ContainsKey("place")) errors["place"] = ["Podaj adres lub miejsce. / Give the address or place."];
                if (link is not null && !IsWebLink(link)) errors["link"] = ["Link zaczyna się od http:// lub https://. / A link starts with http:// or https://."];
                if (errors.Count == 0)
                    suggestion = new Suggestion
                    {
                        Kind = SuggestionKind.MissingClub, ClubName = name, Place = place, OperatorName = operatorName, Link = link, Text = text, Email = email,
                    };
                break;
            default:
                errors["kind"] = ["Rodzaj zgłoszenia: correction albo missing-club. / Kind: correction or missing-club."];
                break;
        }
        return errors;
    }

    /// <summary>Trimmed text, or null when empty; an over-long value is an error (never silently cut).</summary>
    static string? Clean(string? value, string field, int max, Dictionary<string, string[]> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > max) errors[field] = [$"Najwyżej {max} znaków. / At most {max} characters."];
        return text;
    }

    static bool LooksLikeEmail(string email) =>
        !email.Any(char.IsWhiteSpace) && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);

    static bool IsWebLink(string link) =>
        Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
