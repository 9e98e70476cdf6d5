using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClubFinder.Api.Places;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ClubFinder.Tests.Places;

[Collection(AppCollection.Name)]
public class PlaceSearchTests(ClubFinderApp app)
{
    /// <summary>Real Kraków queries as parents type them, and the first suggestion they should get.</summary>
    public static TheoryData<string, string> RealQueries => new()
    {
        { "Ruczaj", "Ruczaj" },
        { "ruczaj", "Ruczaj" },
        { "rucz", "Ruczaj" },
        { "Kurdwanów", "Kurdwanów" },
        { "kurdwanow", "Kurdwanów" },
        { "kurdwanuw", "Kurdwanów" },
        { "Azory", "Azory" },
        { "Bronowice Wielkie", "Bronowice Wielkie" },
        { "bronowice wielkie", "Bronowice Wielkie" },
        { "Łobzów", "Łobzów" },
        { "lobzow", "Łobzów" },
        { "Prądnik Czerwony", "Prądnik Czerwony" },
        { "pradnik czerwony", "Prądnik Czerwony" },
        { "pradnik czerwny", "Prądnik Czerwony" },
        { "Tyniec", "Tyniec" },
        { "tyniec, Kraków", "Tyniec" },
        { "Wola Justowska", "Wola Justowska" },
        { "wola justowksa", "Wola Justowska" },
        { "Zabłocie", "Zabłocie" },
        { "zablocie", "Zabłocie" },
        { "Płaszów", "Płaszów" },
        { "Kazimierz", "Kazimierz" },
        { "Nowa Huta", "Nowa Huta" },
        { "Bieżanów-Prokocim", "Bieżanów-Prokocim (dzielnica XII)" },
        { "bienczyce", "Bieńczyce (dzielnica XVI)" },
        { "Podgórze Duchackie", "Podgórze Duchackie (dzielnica XI)" },
        { "podgorze duchackie", "Podgórze Duchackie (dzielnica XI)" },
        { "Czyżyny", "Czyżyny" },
        { "Mistrzejowice", "Mistrzejowice" },
        { "Łagiewniki", "Łagiewniki" },
        { "lagiewniki", "Łagiewniki" },
        { "krygowskiego 296", "ul. Władysława Krygowskiego 296" },
        { "ul. Władysława Krygowskiego 296, Kraków", "ul. Władysława Krygowskiego 296" },
        { "Krygowskiego 296 Kraków", "ul. Władysława Krygowskiego 296" },
        { "ul. krygowskiego", "ul. Władysława Krygowskiego" },
        { "os oswiecenia", "os. Oświecenia" },
        { "os. Oświecenia 39/1A", "os. Oświecenia" },
        { "osiedle oświecenia", "os. Oświecenia" },
        { "dobrego pasterza 6", "ul. Dobrego Pasterza" },
        { "Dobrego Pasterza, 31-416 Kraków", "ul. Dobrego Pasterza" },
        { "dobrego pastrza", "ul. Dobrego Pasterza" },
        { "os. Górali 4", "os. Górali" },
        { "gorali", "os. Górali" },
        { "krakowska 13/17", "ul. Krakowska" },
        { "Dąbska 18", "Klub rodziców z dziećmi do lat 3 (Fundacja Polekont) – ul. Dąbska" },
        { "dabska", "Klub rodziców z dziećmi do lat 3 (Fundacja Polekont) – ul. Dąbska" },
    };

    [Theory]
    [MemberData(nameof(RealQueries))]
    public async Task ARealQueryGetsTheExpectedFirstSuggestion(string query, string expectedFirst)
    {
        var suggestions = await app.GetJsonAsync<List<PlaceSuggestion>>($"/api/places?q={Uri.EscapeDataString(query)}");
        Assert.NotEmpty(suggestions);
        Assert.Equal(expectedFirst, suggestions[0].Label);
        Assert.NotNull(suggestions[0].District);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    [InlineData("%")]
    [InlineData("%%%")]
    [InlineData("___")]
    [InlineData("'; DROP TABLE places; --")]
    [InlineData(@"\\\")]
    [InlineData("🙂🙂🙂")]
    [InlineData("zzzzqqqq")]
    public async Task OddInputGivesFewOrNoSuggestionsButNeverAnError(string query)
    {
        var response = await app.CreateClient().GetAsync($"/api/places?q={Uri.EscapeDataString(query)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var suggestions = await response.Content.ReadFromJsonAsync<List<PlaceSuggestion>>(ClubFinderApp.Json);
        Assert.NotNull(suggestions);
        if (query.Trim().Length < 3 || query.All(c => !char.IsLetterOrDigit(c))) Assert.Empty(suggestions);
        await using var db = await app.OpenConnectionAsync();
        Assert.True(await db.ExecuteScalarAsync<int>("SELECT count(*) FROM places") > 100);
    }

    [Theory]
    [InlineData("/api/places")]
    [InlineData("/api/places?q=%01abc")]
    [InlineData("/api/places?q=ruczaj&limit=0")]
    [InlineData("/api/places?q=ruczaj&limit=21")]
    public async Task MissingOrMalformedQueriesAre400Problems(string url)
    {
        var response = await app.CreateClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TenThousandCharactersIsA400()
    {
        var response = await app.CreateClient().GetAsync("/api/places?q=" + new string('a', 10_000));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ReverseGivesTheDistrictAndTheNearestKnownPlace()
    {
        // 100 m from the Ruczaj neighbourhood point (data/neighbourhoods.csv).
        var result = await app.GetJsonAsync<JsonElement>("/api/places/reverse?lat=50.0210&lon=19.9058");
        Assert.Equal(8, result.GetProperty("district").GetProperty("number").GetInt32());
        Assert.Equal("Ruczaj", result.GetProperty("nearest").GetProperty("label").GetString());
        Assert.InRange(result.GetProperty("distanceMeters").GetDouble(), 80, 130);
    }

    [Fact]
    public async Task ImportedAddressPointsBecomeSearchableAndBadRowsAreCountedWithReasons()
    {
        var file = Path.Combine(Path.GetTempPath(), $"addresses-{Guid.NewGuid():N}.csv");
        // Synthetic address points (test data only, in the test database).
        await File.WriteAllLinesAsync(file,
        [
            "street,house_number,postcode,lat,lon",
            "ul. Testowa Syntetyczna,12B,30-001,50.0500,19.9400",
            "ul. Testowa Syntetyczna,14,30-001,50.0502,19.9405",
            "\"ul. Testowa, Cudzysłowowa\",1,30-001,50.0510,19.9410",
            "ul. Testowa Syntetyczna,,30-001,50.05,19.94",
            "ul. Poza Miastem,1,32-000,50.3000,19.5000",
            "ul. Zła Liczba,1,30-001,abc,19.94",
        ]);
        await using var scope = app.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<PlaceFileImporter>().ImportAsync(file);

        Assert.Equal(6, report.Read);
        Assert.Equal(3, report.Imported);
        Assert.Equal(1, report.Skipped["no house number"]);
        Assert.Equal(1, report.Skipped["outside Kraków"]);
        Assert.Equal(1, report.Skipped["no valid lat/lon (WGS84)"]);

        var exact = await app.GetJsonAsync<List<PlaceSuggestion>>("/api/places?q=testowa%20syntetyczna%2012b");
        Assert.Equal("ul. Testowa Syntetyczna 12B", exact[0].Label);
        Assert.Equal(50.05, exact[0].Lat, 4);
        var quoted = await app.GetJsonAsync<List<PlaceSuggestion>>("/api/places?q=testowa%20cudzyslowowa%201");
        Assert.Equal("ul. Testowa, Cudzysłowowa 1", quoted[0].Label);

        await using var db = await app.OpenConnectionAsync();
        await db.ExecuteAsync("DELETE FROM places WHERE source = @source", new { source = "import:" + Path.GetFileName(file) });
    }
}
