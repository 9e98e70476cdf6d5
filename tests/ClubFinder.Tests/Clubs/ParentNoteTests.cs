using System.Text.Json;
using ClubFinder.Tests.Infrastructure;
using Dapper;

namespace ClubFinder.Tests.Clubs;

/// <summary>The public API publishes the note written for parents and never the curators' remarks.</summary>
[Collection(AppCollection.Name)]
public class ParentNoteTests(ClubFinderApp app)
{
    [Fact]
    public async Task ClubDetailsCarryTheParentNoteAndNeverTheInternalRemarks()
    {
        await using var db = await app.OpenConnectionAsync();
        var row = await db.QuerySingleAsync<(string ParentNote, string InternalNotes)>(
            "SELECT parent_note, internal_notes FROM clubs WHERE slug = 'ckp-fort-borek'");
        Assert.False(string.IsNullOrEmpty(row.ParentNote));
        Assert.False(string.IsNullOrEmpty(row.InternalNotes));

        using var client = app.CreateClient();
        var body = await client.GetStringAsync("/api/clubs/ckp-fort-borek");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(row.ParentNote, json.RootElement.GetProperty("parentNote").GetString());
        Assert.False(json.RootElement.TryGetProperty("notes", out _));
        Assert.False(json.RootElement.TryGetProperty("internalNotes", out _));
        Assert.DoesNotContain(JsonSerializer.Serialize(row.InternalNotes)[1..^1], body);

        var page = await client.GetStringAsync("/clubs/ckp-fort-borek");
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(row.InternalNotes), page);
    }
}
