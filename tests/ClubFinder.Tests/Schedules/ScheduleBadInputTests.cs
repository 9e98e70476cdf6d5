using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClubFinder.Api.Schedules;
using ClubFinder.Tests.Infrastructure;

namespace ClubFinder.Tests.Schedules;

[Collection(AppCollection.Name)]
public class ScheduleBadInputTests(ClubFinderApp app)
{
    const string Occurrences = "/api/clubs/kfk-kazimierz-krakowska-13/occurrences";
    const string Upcoming = "/api/sessions/upcoming?lat=50.0614&lon=19.9366";

    public static TheoryData<string, string> BadInputs => new()
    {
        { Occurrences + "?from=2026-13-01", "from" },
        { Occurrences + "?from=29.03.2026", "from" },
        { Occurrences + "?from=2026-03-29T10:00", "from" },
        { Occurrences + "?to=tomorrow", "to" },
        { Occurrences + "?from=9999-12-31", "from" },
        { Occurrences + "?from=2026-04-10&to=2026-04-01", "from" },
        { Occurrences + "?from=2026-03-01&to=2026-06-01", "to" }, // 93 days
        { Occurrences + "?to=2025-01-01", "from" }, // from defaults to today, after to
        { Upcoming + "&within=3h", "within" },
        { Upcoming + "&within=PT", "within" },
        { Upcoming + "&within=P", "within" },
        { Upcoming + "&within=PT0S", "within" },
        { Upcoming + "&within=P8D", "within" },
        { Upcoming + "&within=P1M", "within" }, // months have no fixed length
        { Upcoming + "&within=P1Y", "within" },
        { Upcoming + "&within=-PT1H", "within" },
        { Upcoming + "&within=PT%D9%A3H", "within" }, // Arabic-Indic digit
        { Upcoming + "&radius=0", "radius" },
        { Upcoming + "&radius=50001", "radius" },
        { Upcoming + "&radius=far", "radius" },
        { "/api/sessions/upcoming?lon=19.9366", "lat" },
        { "/api/sessions/upcoming?lat=52.23&lon=21.01", "lat" }, // Warsaw: outside the service area
        { "/api/calendar.ics?district=abc", "district" },
        { "/api/calendar.ics?operatorType=shop", "operatorType" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInputIsA400ProblemNamingTheField(string url, string field)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
    }

    [Theory]
    [InlineData("/api/clubs/no-such-club/occurrences")]
    [InlineData("/api/clubs/no-such-club/occurrences?from=garbage")]
    [InlineData("/api/clubs/no-such-club/calendar.ics")]
    [InlineData("/api/calendar.ics?district=19")]
    [InlineData("/api/calendar.ics?district=XIX")]
    public async Task AnUnknownClubOrDistrictIsA404Problem(string url)
    {
        var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nie znaleziono", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("?from=2026-03-01&to=2026-05-31", 92)]
    [InlineData("?from=2026-03-10&to=2026-03-10", 1)]
    public async Task RangesUpTo92DaysInclusiveAreAccepted(string query, int days)
    {
        var list = await app.GetJsonAsync<OccurrenceList>(Occurrences + query);

        Assert.Equal(days, list.To.DayNumber - list.From.DayNumber + 1);
    }

    [Theory]
    [InlineData("P7D")]
    [InlineData("PT90M")]
    [InlineData("P1DT12H")]
    [InlineData("pt3h")]
    public async Task WithinAcceptsIso8601DurationsUpToAWeek(string within)
    {
        var response = await app.CreateClient().GetAsync($"{Upcoming}&within={within}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
