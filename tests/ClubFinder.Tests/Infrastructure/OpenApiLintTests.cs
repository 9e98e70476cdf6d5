using System.Text.Json;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>
/// The served OpenAPI document as an independent tool reads it: Redocly's linter with its
/// recommended rules, the bar client generators (NSwag, openapi-generator, Kiota) need.
/// </summary>
[Collection(AppCollection.Name)]
public class OpenApiLintTests(ClubFinderApp app)
{
    const string RedoclyVersion = "2.77.0";

    [NodeFact]
    public async Task TheApiDocumentHasNoRedoclyErrorsOrWarnings()
    {
        // As a deployment serves it: the server is the public address, not the test server's localhost.
        var client = app.CreateClient(new() { BaseAddress = new Uri("https://clubfinder.test") });
        var document = await client.GetStringAsync("/swagger/v1/swagger.json");
        var folder = await NodeTools.InstallAsync("@redocly/cli", RedoclyVersion);
        var file = Path.Combine(folder, "swagger.json");
        await File.WriteAllTextAsync(file, document);
        // Every recommended rule but one: the project has not chosen a licence for its code and API yet
        // (README), and the document must not claim one. Drop the exception once info.license is set.
        await File.WriteAllTextAsync(Path.Combine(folder, "redocly.yaml"), "extends:\n  - recommended\nrules:\n  info-license: off\n");

        var (_, output) = await NodeTools.NodeAsync(folder,
            [Path.Combine(folder, "node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", file, "--format=json", "--max-problems=500"]);

        var json = output[output.IndexOf('{')..(output.LastIndexOf('}') + 1)];
        var report = JsonSerializer.Deserialize<JsonElement>(json);
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at {string.Join(" ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()))}")
            .ToList();
        var totals = report.GetProperty("totals");
        // What the linter does not check but generated clients need.
        var api = JsonSerializer.Deserialize<JsonElement>(document);
        Assert.Equal("https://clubfinder.test", api.GetProperty("servers")[0].GetProperty("url").GetString());
        var schemes = api.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(("apiKey", "cookie", "http", "bearer"), (schemes.GetProperty("cookie").GetProperty("type").GetString(),
            schemes.GetProperty("cookie").GetProperty("in").GetString(), schemes.GetProperty("bearer").GetProperty("type").GetString(),
            schemes.GetProperty("bearer").GetProperty("scheme").GetString()));
        var adminSecurity = api.GetProperty("paths").GetProperty("/api/admin/clubs").GetProperty("get").GetProperty("security");
        Assert.Equal(["cookie", "bearer"], adminSecurity.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList());
        foreach (var (path, type) in new[] { ("/api/clubs.geojson", "application/geo+json"), ("/api/districts.geojson", "application/geo+json"),
                     ("/api/export/clubs.geojson", "application/geo+json"), ("/api/export/clubs.csv", "text/csv") })
        {
            var content = api.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
            Assert.True(content.TryGetProperty(type, out var media) && media.TryGetProperty("schema", out _), $"{path}: {content}");
        }
        var history = api.GetProperty("components").GetProperty("schemas").GetProperty("HistoryEntry").GetProperty("properties");
        Assert.Equal("object", history.GetProperty("before").GetProperty("type").GetString());
        Assert.Equal("object", history.GetProperty("after").GetProperty("type").GetString());
        Assert.True(totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0,
            $"Redocly: {totals}\n{string.Join('\n', problems)}");
    }
}
