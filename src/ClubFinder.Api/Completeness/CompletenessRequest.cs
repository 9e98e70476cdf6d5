using System.Globalization;
using System.Net;
using System.Text;

namespace ClubFinder.Api.Completeness;

/// <summary>
/// The one-page letter the city office prints or sends to an operator: its clubs and exactly what
/// each lacks, and how to sign in. Polish, as the office writes to operators; every value is HTML-encoded.
/// </summary>
public static class CompletenessRequest
{
    static readonly Dictionary<string, string> Wanted = new()
    {
        [Gap.Location] = "adres i punkt na mapie (wejście do klubu)",
        [Gap.ApproximateLocation] = "dokładny punkt wejścia (teraz tylko przybliżony)",
        [Gap.Timetable] = "tygodniowy harmonogram zajęć (dni i godziny)",
        [Gap.Contacts] = "kontakt: telefon, e-mail lub strona internetowa",
        [Gap.Description] = "krótki opis klubu dla rodziców",
        [Gap.Verification] = "potwierdzenie, że dane są aktualne (niesprawdzane od 180 dni)",
        [Gap.Suggestions] = "odpowiedź na zgłoszenia od rodziców",
    };

    public static string Describe(string gap) => Wanted.GetValueOrDefault(gap, gap);

    public static string Render(CompletenessReport report, OperatorGaps operatorGaps, string? publicBaseUrl, DateOnly today)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var signIn = (publicBaseUrl?.TrimEnd('/') ?? "") + "/admin/";
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html>
            <html lang="pl">
            <head>
            <meta charset="utf-8">
            <title>Prośba o uzupełnienie danych – {{E(operatorGaps.Name)}}</title>
            <style>
            @page { size: A4; margin: 15mm; }
            body { font: 11pt/1.4 system-ui, sans-serif; color: #000; max-width: 180mm; margin: 0 auto; }
            h1 { font-size: 15pt; margin: 0 0 4mm; }
            table { width: 100%; border-collapse: collapse; margin: 4mm 0; }
            th, td { border: 1px solid #555; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
            tr { break-inside: avoid; }
            ul { margin: 0; padding-left: 5mm; }
            .muted { color: #333; }
            </style>
            </head>
            <body>
            <h1>Prośba o uzupełnienie danych klubów: {{E(operatorGaps.Name)}}</h1>
            <p class="muted">Kraków, {{today.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("pl-PL"))}}</p>
            <p>Mapa Klubów Rodziców pokazuje rodzicom dzieci do lat 3, gdzie i kiedy działają kluby. Żeby rodzice
            trafili do Państwa klubów, prosimy o uzupełnienie poniższych informacji.</p>
            <table>
            <thead><tr><th scope="col">Klub</th><th scope="col">Czego brakuje</th></tr></thead>
            <tbody>

            """);
        foreach (var club in report.Clubs.Where(c => c.Organization == operatorGaps.Slug))
        {
            html.Append("<tr data-club=\"").Append(E(club.Slug)).Append("\"><th scope=\"row\">").Append(E(club.Name)).Append("</th><td>");
            if (club.Missing.Count == 0) html.Append("nic – dziękujemy");
            else html.Append("<ul>").AppendJoin("", club.Missing.Select(g => $"<li data-gap=\"{E(g)}\">{E(Describe(g))}</li>")).Append("</ul>");
            html.Append("</td></tr>\n");
        }
        html.Append($$"""
            </tbody>
            </table>
            <h2>Jak wprowadzić dane</h2>
            <ol>
            <li>Urząd Miasta wyśle na Państwa adres e-mail zaproszenie z jednorazowym linkiem do ustawienia hasła
            (jeśli go Państwo nie mają, prosimy o odpowiedź na tę wiadomość z adresem osoby, która będzie wprowadzać dane).</li>
            <li>Po ustawieniu hasła prosimy zalogować się na <strong>{{E(signIn)}}</strong> – widać tam tylko kluby Państwa organizacji.</li>
            <li>W każdym klubie wystarczy uzupełnić brakujące pola i kliknąć „Zapisz”; przycisk „Sprawdzone dziś” potwierdza aktualność danych.</li>
            </ol>
            </body>
            </html>

            """);
        return html.ToString();
    }
}
