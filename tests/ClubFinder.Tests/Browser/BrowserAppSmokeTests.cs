using ClubFinder.Tests.Infrastructure;

namespace ClubFinder.Tests.Browser;

[Collection(BrowserCollection.Name)]
public class BrowserAppSmokeTests(BrowserApp app)
{
    [Fact]
    public async Task TheAppListensOnALoopbackPortThatServesThePage()
    {
        Assert.StartsWith("http://127.0.0.1:", app.BaseUrl);
        using var http = new HttpClient();
        var page = await http.GetStringAsync(app.BaseUrl + "/");
        Assert.Contains("<html", page);
    }
}
