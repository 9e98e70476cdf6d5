using System.Collections.Concurrent;

namespace ClubFinder.Api.Embed;

/// <summary>
/// <c>/embed</c> is the finder page itself (<c>index.html</c>, one template for both), made into the
/// compact frame: a one-line header with a link to the full site instead of the site's header
/// and navigation, the embed's styles and script, and a "this club on the full site" link. The
/// markers it relies on are checked, so a change to the page cannot silently break the widget.
/// </summary>
public static class EmbedFrame
{
    const string HeaderStart = "<!-- page:header -->";
    const string HeaderEnd = "<!-- /page:header -->";
    const string ClubLinkMarker = "<!-- embed:club-link -->";
    const string PageScript = """<script type="module" src="/js/main.js"></script>""";
    const string PageBody = """<body class="finder-page" data-view="list">""";
    const string PageFooter = """<footer class="site-footer">""";

    const string Header = """
        <header class="embed-header">
            <h1 class="embed-header__title" data-i18n="app.title"></h1>
            <a id="full-site-link" class="embed-header__link" href="/" target="_blank" rel="noopener"><span data-i18n="embed.fullSite"></span><span class="visually-hidden"> (<span data-i18n="common.newTab"></span>)</span></a>
            <div class="lang-switch">
              <label for="lang-select" data-i18n="lang.label"></label>
              <select id="lang-select">
                <option value="pl" lang="pl">Polski</option>
                <option value="en" lang="en">English</option>
                <option value="uk" lang="uk">Українська</option>
              </select>
            </div>
          </header>
        """;

    const string ClubLink = """
        <p class="details__full-site">
                    <a id="club-full-site-link" href="/" target="_blank" rel="noopener"><span data-i18n="embed.clubOnFullSite"></span><span class="visually-hidden"> (<span data-i18n="common.newTab"></span>)</span></a>
                  </p>
        """;

    static readonly ConcurrentDictionary<string, string> Pages = new();

    public static string Render(IWebHostEnvironment env, Infrastructure.StaticAssets assets) =>
        Pages.GetOrAdd(Path.Combine(env.WebRootPath, "index.html"), path => assets.Rewrite(FromPage(File.ReadAllText(path))));

    public static string FromPage(string page)
    {
        var start = page.IndexOf(HeaderStart, StringComparison.Ordinal);
        var end = page.IndexOf(HeaderEnd, StringComparison.Ordinal);
        foreach (var marker in new[] { ClubLinkMarker, PageScript, PageBody, PageFooter })
            if (!page.Contains(marker, StringComparison.Ordinal)) throw new InvalidOperationException($"index.html has lost the marker the embed needs: {marker}");
        if (start < 0 || end < start) throw new InvalidOperationException("index.html has lost its page:header markers.");
        return string.Concat(page.AsSpan(0, start), Header, page.AsSpan(end + HeaderEnd.Length))
            .Replace(PageScript, """<link rel="stylesheet" href="/embed/embed.css">""" + "\n  " + PageScript.Replace("/js/main.js", "/js/embed.js"))
            .Replace(PageBody, """<body class="embed" data-view="both">""")
            .Replace(PageFooter, """<footer class="site-footer embed-footer">""")
            .Replace(ClubLinkMarker, ClubLink);
    }
}
