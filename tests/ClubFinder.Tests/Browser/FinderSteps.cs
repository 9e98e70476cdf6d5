using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClubFinder.Tests.Browser;

/// <summary>What the finder page's tests do again and again, in a user's terms.</summary>
public static partial class FinderSteps
{
    public const string ResultItems = "#results li[data-slug]";
    public const string MalwaSlug = "kfk-malwa-dobrego-pasterza-6";

    public record DistrictRow(int Number, string Roman, string Name, int ClubCount);

    /// <summary>Opens a path and waits until the page has finished its first search or club.</summary>
    public static async Task OpenAsync(BrowserPage page, string path)
    {
        await page.Page.GotoAsync(path);
        await WaitUntilSettledAsync(page);
    }

    /// <summary>Nothing in flight: no busy list, details or "starting soon" panel, and the status is not "busy".</summary>
    public static async Task WaitUntilSettledAsync(BrowserPage page) =>
        await page.Page.WaitForFunctionAsync("""
            () => {
              const status = document.getElementById('result-count');
              return status && status.dataset.kind && status.dataset.kind !== 'busy'
                && !document.querySelector('[aria-busy="true"]');
            }
            """);

    /// <summary>The address bar shows this path and query (waits for it, unlike a one-off check).</summary>
    public static Task AssertAtAsync(BrowserPage page, string pathAndQuery) =>
        Expect(page.Page).ToHaveURLAsync(page.BaseUrl + pathAndQuery);

    public static ILocator Items(BrowserPage page) => page.Page.Locator(ResultItems);

    public static async Task<string[]> ListedSlugsAsync(BrowserPage page) =>
        await Items(page).EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.slug)");

    /// <summary>The slugs and the distance text of each listed club, in the order shown.</summary>
    public static async Task<(string Slug, string Distance)[]> ListedDistancesAsync(BrowserPage page)
    {
        var rows = await Items(page).EvaluateAllAsync<string[][]>(
            "items => items.map(item => [item.dataset.slug, item.querySelector('.distance')?.textContent ?? ''])");
        return rows.Select(r => (r[0], r[1])).ToArray();
    }

    /// <summary>
    /// The shown "1,2 km, ok. 16 min pieszo" / "350 m" against the API's metres, within the rounding
    /// the page uses (10 m below a kilometre, 100 m below 10 km, 1 km above).
    /// </summary>
    public static void AssertDistanceMatches(string shown, double meters, string slug)
    {
        var match = DistanceText().Match(shown.Replace('\u00a0', ' ').Replace('\u202f', ' '));
        Assert.True(match.Success, $"{slug}: no distance in '{shown}'");
        var number = double.Parse(match.Groups["n"].Value.Replace(" ", "").Replace(',', '.'), CultureInfo.InvariantCulture);
        var shownMeters = match.Groups["u"].Value == "km" ? number * 1000 : number;
        var tolerance = shownMeters < 1000 ? 10 : shownMeters < 10_000 ? 50 : 500;
        Assert.True(Math.Abs(shownMeters - meters) <= tolerance + 0.5,
            $"{slug}: the page says '{shown}' ({shownMeters} m), the API {meters:F1} m");
    }

    [GeneratedRegex(@"(?<n>\d[\d ]*(?:[.,]\d+)?)\s*(?<u>km|m)\b")]
    private static partial Regex DistanceText();

    /// <summary>The nearest list on screen is the API's nearest list from the URL's point, with matching distances.</summary>
    public static async Task AssertNearestListMatchesApiAsync(BrowserPage page, BrowserApp app)
    {
        var url = new Uri(page.Page.Url);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var lat = query["lat"];
        var lon = query["lon"];
        Assert.False(string.IsNullOrEmpty(lat) || string.IsNullOrEmpty(lon), $"No point in {url}");
        var expected = await app.GetJsonAsync<NearestResult>($"/api/clubs/nearest?lat={lat}&lon={lon}&limit=50");
        await Expect(Items(page)).ToHaveCountAsync(expected.Items.Count);
        var shown = await ListedDistancesAsync(page);
        Assert.Equal(expected.Items.Select(c => c.Slug), shown.Select(s => s.Slug));
        foreach (var (club, row) in expected.Items.Zip(shown))
            AssertDistanceMatches(row.Distance, club.DistanceMeters, club.Slug);
    }

    /// <summary>Clicks the spot of the map farthest from any marker, label or control, and chooses "search here".</summary>
    public static async Task SearchFromMapClickAsync(BrowserPage page)
    {
        var map = page.Page.Locator("#map");
        // Leaflet arrives after the first results: wait until the map has drawn its districts.
        await Expect(page.Page.Locator("#map .leaflet-overlay-pane path").First).ToBeVisibleAsync();
        // A zoom or pan animation still running (after a district was chosen) would move things under the pointer.
        await Expect(page.Page.Locator("#map .leaflet-zoom-anim")).ToHaveCountAsync(0);
        await map.ScrollIntoViewIfNeededAsync();
        var spots = await page.Page.EvaluateAsync<double[][]>(FreeSpotsScript);
        foreach (var spot in spots.Take(3))
        {
            await page.Page.Mouse.ClickAsync((float)spot[0], (float)spot[1]);
            var here = page.Page.Locator(".map-search-here");
            try
            {
                await here.WaitForAsync(new() { Timeout = 15_000 });
            }
            catch (TimeoutException)
            {
                continue; // something was under the pointer after all: the next best spot
            }
            await here.ClickAsync();
            // The button closes its popup as it searches: if the popup is still there, the tap
            // did not reach it (the map was still moving under it), so tap again as a parent would.
            try
            {
                await Expect(here).ToHaveCountAsync(0, new() { Timeout = 10_000 });
            }
            catch (PlaywrightException)
            {
                try
                {
                    await here.ClickAsync(new() { Timeout = 5_000 });
                }
                catch (PlaywrightException)
                {
                    // It closed meanwhile: the first tap got through after all, and the URL below says so.
                }
            }
            await Expect(page.Page).ToHaveURLAsync(new Regex(@"\?lat=[-\d.]+&lon=[-\d.]+"), new() { Timeout = 30_000 });
            await WaitUntilSettledAsync(page);
            return;
        }
        Assert.Fail("No spot on the map offered 'search here'.");
    }

    /// <summary>Candidate points (viewport coordinates) inside the visible part of the map, best first: farthest from anything clickable on it.</summary>
    const string FreeSpotsScript = """
        () => {
          const box = document.querySelector('#map').getBoundingClientRect();
          const taken = [...document.querySelectorAll('#map .leaflet-marker-icon, #map .leaflet-control, #map .leaflet-popup, #map .leaflet-tooltip')]
            .map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
          const gap = (x, y) => Math.min(1e9, ...taken.map(r =>
            Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom))));
          const spots = [];
          for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
            const x = box.left + box.width * i / 10, y = box.top + box.height * j / 10;
            if (y > 0 && y < window.innerHeight) spots.push([x, y, gap(x, y)]);
          }
          return spots.sort((a, b) => b[2] - a[2]).map(s => [s[0], s[1]]);
        }
        """;

    /// <summary>Strings of a catalogue (plural forms flattened).</summary>
    public static Dictionary<string, string> Catalogue(string language)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "wwwroot", "i18n", $"{language}.json");
        if (!File.Exists(path)) path = Path.Combine(RepositoryRoot(), "wwwroot", "i18n", $"{language}.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var result = new Dictionary<string, string>();
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String)
                result[property.Name] = property.Value.GetString()!;
            else
                foreach (var form in property.Value.EnumerateObject())
                    result[$"{property.Name}.{form.Name}"] = form.Value.GetString()!;
        }
        return result;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClubFinder.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ClubFinder.sln not found above the test binaries.");
    }
}
