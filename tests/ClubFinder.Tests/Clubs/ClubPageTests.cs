using System.Net;
using ClubFinder.Tests.Infrastructure;

namespace ClubFinder.Tests.Clubs;

/// <summary>The server-rendered <c>/clubs/{slug}</c>: a club that does not exist is a 404 that search
/// engines drop, and still the finder page, so a parent following an old link is not at a dead end.</summary>
[Collection(AppCollection.Name)]
public class ClubPageTests(ClubFinderApp app)
{
    [Theory]
    [InlineData("no-such-club")]
    [InlineData("klub-ktorego-nie-ma?lang=en")]
    public async Task AnUnknownClubIsA404PageWithTheFinderOnIt(string path)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync($"/clubs/{path}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
        Assert.Contains("id=\"search-form\"", html);
        Assert.DoesNotContain("og:title", html);
    }

    [Fact]
    public async Task AListedClubIsA200PageThatMayBeIndexed()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/clubs/ckp-fort-borek");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("noindex", html);
        Assert.Contains("og:title", html);
    }
}
