using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClubFinder.Api.Admin;
using ClubFinder.Api.Clubs;
using ClubFinder.Tests.Infrastructure;
using Dapper;

namespace ClubFinder.Tests.Admin;

[Collection(AppCollection.Name)]
public class ImportExportTests(ClubFinderApp app) : IAsyncLifetime
{
    AdminWorld world = null!;
    HttpClient admin = null!;

    public async Task InitializeAsync()
    {
        world = await AdminWorld.CreateAsync(app);
        admin = AdminWorld.Bearer(app, world.AdminToken);
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(world.ClubA));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    Task<HttpResponseMessage> ImportAsync(string csv, string query) =>
        admin.PostAsync($"/api/admin/import/clubs?{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    async Task<ImportPreview> PreviewAsync(string csv)
    {
        var response = await ImportAsync(csv, "mode=preview");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportPreview>(ClubFinderApp.Json))!;
    }

    [Fact]
    public async Task TheExportHasNoPersonalDataAndItsColumnsAreDocumented()
    {
        var response = await app.CreateClient().GetAsync("/api/export/clubs.csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("slug,name,operator_slug,operator_name,operator_type,street", csv.TrimStart('\uFEFF'));
        Assert.DoesNotContain("@example.test", csv); // no account e-mails
        var readme = await File.ReadAllTextAsync(Path.Combine(FindRepositoryRoot(), "README.md"));
        foreach (var column in Api.Export.ClubCsv.Columns) Assert.Contains($"`{column}`", readme);

        var geojson = await app.GetJsonAsync<JsonElement>("/api/export/clubs.geojson");
        Assert.Equal("FeatureCollection", geojson.GetProperty("type").GetString());
    }

    [Fact]
    public async Task AnExportImportsBackUnchangedWithUnicodeAndQuotes()
    {
        var client = AdminWorld.Bearer(app, world.OperatorAToken);
        var read = await client.GetAsync($"/api/admin/clubs/{world.ClubA}");
        var doc = (await read.Content.ReadFromJsonAsync<ClubDocument>(ClubFinderApp.Json))!;
        var tricky = doc with
        {
            Name = "Klub „Zażółć”, \"gęślą\" jaźń; Кімната для малюків",
            Description = "Line one,\nline two with \"quotes\" and a comma, and =1+1",
            Fee = "=HYPERLINK(\"x\")",
        };
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/clubs/{world.ClubA}") { Content = JsonContent.Create(tricky, options: ClubFinderApp.Json) };
        request.Headers.IfMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        await app.WaitForReloadAsync(s => s.BySlug[world.ClubA].Club.Name == tricky.Name);

        var csv = await app.CreateClient().GetStringAsync("/api/export/clubs.csv");
        Assert.Contains("'=HYPERLINK", csv); // formula injection neutralised
        var preview = await PreviewAsync(csv);
        Assert.True(preview.Invalid == 0, string.Join("; ", preview.Rows.SelectMany(r => r.Errors.Select(e => $"{r.Slug}: {e}"))));
        Assert.Equal(0, preview.New);
        Assert.True(preview.Changed == 0, string.Join("; ", preview.Rows.Where(r => r.Outcome == "changed").Select(r => $"{r.Slug}: {string.Join(",", r.Changes)}")));
        Assert.Contains(preview.Rows, r => r.Slug == world.ClubA && r.Outcome == "unchanged");
    }

    [Fact]
    public async Task TheCommitAppliesExactlyThePreviewAndABadRowCommitsNothing()
    {
        var newSlug = "test-synthetic-import-" + Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            slug,name,operator_slug,street,house_number,lat,lon,location_precision,fee
            {world.ClubA},TEST synthetic renamed by import,{world.OrgA},ul. Testowa,1,50.0650,19.9450,building,bezpłatnie
            {newSlug},TEST synthetic new by import,{world.OrgB},ul. Nowa,2,50.0600,19.9300,street,
            test-synthetic-bad-row,TEST bad row,{world.OrgA},ul. Daleka,3,50.3000,19.5000,building,
            """;
        var preview = await PreviewAsync(csv);
        Assert.Equal(1, preview.New);
        Assert.Equal(1, preview.Changed);
        Assert.Equal(1, preview.Invalid);
        var changed = preview.Rows.Single(r => r.Slug == world.ClubA);
        Assert.Equal(["name", "fee"], changed.Changes);
        var bad = preview.Rows.Single(r => r.Outcome == "error");
        Assert.Equal(4, bad.Row);
        Assert.Contains(bad.Errors, e => e.Contains("outside Kraków"));

        var before = await CountAsync();
        var refused = await ImportAsync(csv, $"mode=commit&previewHash={preview.PreviewHash}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, await CountAsync());
        var staleHash = await ImportAsync(csv, "mode=commit&skipInvalid=true&previewHash=0000");
        Assert.Equal(HttpStatusCode.Conflict, staleHash.StatusCode);
        Assert.Equal(before, await CountAsync());

        var committed = await ImportAsync(csv, $"mode=commit&skipInvalid=true&previewHash={preview.PreviewHash}");
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        var result = (await committed.Content.ReadFromJsonAsync<ImportPreview>(ClubFinderApp.Json))!;
        Assert.True(result.Committed);
        Assert.Equal(JsonSerializer.Serialize(preview.Rows), JsonSerializer.Serialize(result.Rows));
        await using var db = await app.OpenConnectionAsync();
        Assert.Equal("TEST synthetic renamed by import", await db.ExecuteScalarAsync<string>("SELECT name FROM clubs WHERE slug = @s", new { s = world.ClubA }));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM clubs WHERE slug = @s", new { s = newSlug }));
        Assert.Equal(0, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM clubs WHERE slug = 'test-synthetic-bad-row'"));
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE action LIKE 'import:%' AND entity_key IN (@a, @b)",
            new { a = world.ClubA, b = newSlug }));

        // Committing the same file again: everything is unchanged now.
        var again = await PreviewAsync(csv);
        Assert.Equal(2, again.Unchanged);
    }

    async Task<string> CountAsync()
    {
        await using var db = await app.OpenConnectionAsync();
        return await db.ExecuteScalarAsync<string>("SELECT (SELECT count(*) FROM clubs) || '/' || (SELECT count(*) FROM audit_log) || '/' || (SELECT string_agg(xmin::text, ',' ORDER BY id) FROM clubs)") ?? "";
    }

    [Fact]
    public async Task TheCommandLineCreatesAnAccountFromStandardInputAndATokenThatWorks()
    {
        var email = $"cli-{Guid.NewGuid().ToString("N")[..8]}@example.test";
        var (code, output, error) = await RunCliAsync($"users add --email {email} --role Operator --org {world.OrgB}", "a-cli-password-77\n");
        Assert.True(code == 0, error);
        Assert.Contains(email, output);
        Assert.DoesNotContain("a-cli-password-77", output);

        (code, output, error) = await RunCliAsync($"tokens create --email {email} --name ci", "");
        Assert.True(code == 0, error);
        var token = output.Trim();
        Assert.StartsWith("cf_", token);
        var rows = await AdminWorld.Bearer(app, token).GetFromJsonAsync<List<AdminClubRow>>("/api/admin/clubs", ClubFinderApp.Json);
        Assert.Equal([world.ClubB], rows!.Select(r => r.Slug));

        (code, _, error) = await RunCliAsync($"users add --email {email}x --role Operator --org {world.OrgB}", "short\n");
        Assert.Equal(1, code);
        Assert.Contains("password", error);
    }

    async Task<(int Code, string Output, string Error)> RunCliAsync(string arguments, string input)
    {
        var start = new ProcessStartInfo("dotnet", $"{Path.Combine(AppContext.BaseDirectory, "ClubFinder.Api.dll")} {arguments}")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__ClubFinder"] = app.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A process start (JIT, migrations check) is slow on a loaded machine: the deadline only catches a hang.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output, await error);
    }

    static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClubFinder.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }
}
