using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>
/// The web server's own limits answer in the service's one error shape. Over a real Kestrel port:
/// the test server has no request-line or header limits, and Kestrel's would answer with an empty body.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ServerLimitsTests(BrowserApp app)
{
    static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    [Theory]
    [InlineData("/api/clubs?q=")]
    [InlineData("/about/?x=")]
    public async Task ATenThousandCharacterAddressIsA414Problem(string start)
    {
        using var client = new HttpClient();
        var response = await client.GetAsync(app.BaseUrl + start + new string('a', 10_000));

        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.Contains("8192", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnAddressJustUnderTheLimitIsAnsweredByTheEndpoint()
    {
        using var client = new HttpClient();
        var response = await client.GetAsync(app.BaseUrl + "/api/clubs?q=" + new string('a', 8_000));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task FortyKilobytesOfHeadersIsA431Problem()
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, app.BaseUrl + "/api/districts");
        for (var i = 0; i < 5; i++) request.Headers.Add($"X-Filler-{i}", new string('h', 8_000));

        var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }
}
