using System.Globalization;
using System.Net.Http.Json;
using ClubFinder.Api.Places;
using ClubFinder.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClubFinder.Tests.Places;

/// <summary>The in-memory place index answers as the pg_trgm query it replaced, and follows writes.</summary>
[Collection(AppCollection.Name)]
public class PlaceIndexTests(ClubFinderApp app)
{
    /// <summary>
    /// The SQL search the index replaced, kept here as an oracle only. Two tie-breakers are added, where
    /// the database left ties to chance (the five streets by similarity; the final order after the label):
    /// the index breaks them the same way, so both give one order.
    /// </summary>
    const string OracleSql = """
        SELECT set_limit(0.2);
        WITH matched AS (
            SELECT id FROM places WHERE kind <> 'address' AND normalized % @name
            UNION SELECT id FROM places WHERE kind <> 'address' AND @name <% normalized
            UNION SELECT id FROM places WHERE kind <> 'address' AND normalized % @full
            UNION SELECT id FROM places WHERE kind <> 'address' AND normalized LIKE @prefix ESCAPE '\'
            UNION SELECT id FROM places WHERE kind <> 'address' AND @postcode::text IS NOT NULL AND postcode = @postcode
        ),
        names AS (
            SELECT label, kind, normalized, house_number, postcode, geom, source,
                   GREATEST(similarity(normalized, @name), word_similarity(@name, normalized), similarity(normalized, @full)) AS sim
            FROM places
            WHERE id IN (SELECT id FROM matched)
        ),
        streets AS (
            SELECT DISTINCT ON (normalized) normalized, sim FROM names WHERE kind = 'street' ORDER BY normalized, sim DESC
        ),
        addresses AS (
            SELECT a.label, a.kind, a.normalized, a.house_number, a.postcode, a.geom, a.source, s.sim
            FROM (SELECT normalized, sim FROM streets ORDER BY sim DESC, normalized COLLATE "C" LIMIT 5) s
            JOIN places a ON a.kind = 'address' AND a.normalized = s.normalized AND a.house_number LIKE @housePrefix ESCAPE '\'
            WHERE @house::text IS NOT NULL
            UNION ALL
            SELECT a.label, a.kind, a.normalized, a.house_number, a.postcode, a.geom, a.source, 0.5
            FROM places a
            WHERE a.kind = 'address' AND @postcode::text IS NOT NULL AND @name = '' AND a.postcode = @postcode
        ),
        candidates AS (
            SELECT * FROM names WHERE geom IS NOT NULL
            UNION ALL
            (SELECT * FROM addresses LIMIT 200)
        )
        SELECT label, kind
        FROM candidates
        ORDER BY
            sim
            + CASE WHEN normalized = @name OR normalized = @full THEN 0.5 ELSE 0 END
            + CASE WHEN normalized LIKE @prefix ESCAPE '\' THEN 0.3 ELSE 0 END
            + CASE WHEN @postcode::text IS NOT NULL AND postcode = @postcode THEN 0.3 ELSE 0 END
            + CASE
                WHEN kind = 'address' AND house_number = @house THEN 2
                WHEN kind = 'address' THEN 1.2
                WHEN kind = 'street' THEN 0.25
                WHEN kind IN ('district', 'neighbourhood', 'przystanek') THEN 0.15
                ELSE 0
              END DESC,
            length(label), label COLLATE "C", kind COLLATE "C", normalized COLLATE "C"
        LIMIT @limit
        """;

    static async Task<List<string>> OracleAsync(NpgsqlConnection db, string text, int limit)
    {
        var query = PlaceText.Parse(text);
        var full = query.HouseNumber is null ? query.Name : $"{query.Name} {query.HouseNumber}";
        using var results = await db.QueryMultipleAsync(OracleSql, new
        {
            name = query.Name, full, prefix = EscapeLike(query.Name) + "%", house = query.HouseNumber,
            housePrefix = query.HouseNumber is null ? null : EscapeLike(query.HouseNumber) + "%", postcode = query.Postcode, limit,
        });
        await results.ReadAsync<float>();
        return (await results.ReadAsync<(string Label, string Kind)>()).Select(r => $"{r.Label} [{r.Kind}]").ToList();
    }

    static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    /// <summary>What parents type, made from the seeded gazetteer: beginnings, typos, numbers, postcodes, whole names.</summary>
    static async Task<List<string>> QueriesAsync(NpgsqlConnection db)
    {
        var streets = (await db.QueryAsync<string>("SELECT label FROM places WHERE kind = 'street' ORDER BY id")).ToList();
        var others = (await db.QueryAsync<string>("SELECT label FROM places WHERE kind IN ('district', 'neighbourhood', 'przystanek', 'club') ORDER BY id")).ToList();
        var postcodes = (await db.QueryAsync<string>("SELECT DISTINCT postcode FROM places WHERE postcode IS NOT NULL ORDER BY 1")).ToList();
        var random = new Random(12);
        string Pick(List<string> from) => from[random.Next(from.Count)];
        string Typo(string s) => s.Length < 5 ? s : s[..3] + (char)('a' + random.Next(26)) + s[4..];
        var queries = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var street = Pick(streets);
            var word = street.Split(' ')[^1];
            queries.Add(word[..Math.Min(word.Length, 3 + i % 4)]);
            queries.Add(Typo(street));
            queries.Add($"{word} {1 + random.Next(40)}");
            queries.Add(Pick(others));
            queries.Add(Typo(Pick(others)).ToLowerInvariant());
        }
        foreach (var postcode in postcodes.Take(15))
        {
            queries.Add(postcode);
            queries.Add($"{Pick(streets)}, {postcode} Kraków");
        }
        queries.AddRange(["Zzporównawcza", "zzporownawcza 1", "zzporownawcza druga 12", "zzporownawcza 12a", "Zzporównawcza Piąta 13/17",
            "zzporownawcz trzecia 2", "31-999", "31-999 zz", "zzporownawcza, 31-999", "krakowska 1", "os. oświecenia 3", "ul. dabska 18"]);
        return queries;
    }

    [Fact]
    public async Task TheIndexAnswersAsTheSqlSearchItReplaced()
    {
        // Synthetic address points (test data only) on made-up streets of similar names, so that the best
        // five streets, house-number prefixes and postcodes are exercised; imported as an operator would.
        var file = Path.Combine(Path.GetTempPath(), $"oracle-{Guid.NewGuid():N}.csv");
        var lines = new List<string> { "street,house_number,postcode,lat,lon" };
        string[] streets = ["Pierwsza", "Druga", "Trzecia", "Czwarta", "Piąta", "Szósta", "Siódma"];
        for (var s = 0; s < streets.Length; s++)
            foreach (var number in new[] { "1", "2", "3", "10", "11", "12", "12A", "12B", "13/17", "100", "120", "121" })
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"ul. Zzporównawcza {streets[s]},{number},31-99{s % 2 + 8},{50.05 + s * 0.001},{19.94 + number.Length * 0.001}"));
        await File.WriteAllLinesAsync(file, lines);
        var source = "import:" + Path.GetFileName(file);
        await using var db = await app.OpenConnectionAsync();
        try
        {
            await using (var scope = app.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<PlaceFileImporter>().ImportAsync(file);
            // Other tests delete their rows behind the index's back; start from what the table holds.
            var index = app.Services.GetRequiredService<PlaceIndex>();
            await index.ReloadAsync();
            var snapshot = await index.CurrentAsync(CancellationToken.None);

            var queries = await QueriesAsync(db);
            var differences = new List<string>();
            foreach (var text in queries)
            {
                var query = PlaceText.Parse(text);
                if (query.Name.Length < PlaceSearch.MinQueryLength && query.Postcode is null) continue;
                var expected = await OracleAsync(db, text, 24);
                var actual = snapshot.Search(query, 24).Select(h => $"{h.Label} [{h.Kind}]").ToList();
                if (!expected.SequenceEqual(actual))
                    differences.Add($"'{text}':\n  sql:    {string.Join(" | ", expected)}\n  memory: {string.Join(" | ", actual)}");
            }
            Assert.True(queries.Count > 300, $"only {queries.Count} queries");
            Assert.True(differences.Count == 0, $"{differences.Count} of {queries.Count} differ:\n{string.Join("\n", differences.Take(10))}");
        }
        finally
        {
            File.Delete(file);
            await db.ExecuteAsync("DELETE FROM places WHERE source = @source", new { source });
            await app.Services.GetRequiredService<PlaceIndex>().ReloadAsync();
        }
    }

    [Fact]
    public async Task SimilarityAndWordSimilarityAreThoseOfPgTrgmToTheLastBit()
    {
        await using var db = await app.OpenConnectionAsync();
        var texts = (await db.QueryAsync<string>("SELECT normalized FROM places WHERE kind <> 'address' ORDER BY id LIMIT 400")).ToList();
        string[] queries = ["wiel", "wielicka", "kurdwanuw", "pradnik czerwny", "oswiecenia 39/1a", "krakowska 13/17", "rynek glowny", "al", "b",
            "mickiewicza", "nowa huta", "bienczyce", "os", "ska", "dabska 18d", "zablocie", "azory", "ruczaj kabel", "2", "jana pawla ii"];
        var pairs = (from q in queries from t in texts select (Query: q, Text: t)).ToList();
        var expected = await db.QueryAsync<(string Query, string Text, float Similarity, float WordSimilarity)>(
            "SELECT q, t, similarity(t, q), word_similarity(q, t) FROM unnest(@queries, @texts) AS p(q, t)",
            new { queries = pairs.Select(p => p.Query).ToArray(), texts = pairs.Select(p => p.Text).ToArray() });

        var differences = new List<string>();
        foreach (var (query, text, similarity, wordSimilarity) in expected)
        {
            var q = Trigrams.Set(query);
            var t = Trigrams.Set(text);
            var sequence = Trigrams.Sequence(text).Select(trigram => Array.BinarySearch(t, trigram)).ToArray();
            var found = t.Select(trigram => Array.BinarySearch(q, trigram) >= 0).ToArray();
            var ours = (Trigrams.Similarity(q.Intersect(t).Count(), t.Length, q.Length), Trigrams.WordSimilarity(q.Length, sequence, found));
            if (ours != (similarity, wordSimilarity)) differences.Add($"'{query}' / '{text}': pg {similarity}, {wordSimilarity}; ours {ours}");
        }
        Assert.Equal(pairs.Count, differences.Count + expected.Count());
        Assert.True(differences.Count == 0, $"{differences.Count} of {pairs.Count} differ:\n{string.Join("\n", differences.Take(10))}");
    }

    [Fact]
    public async Task APlaceWrittenByAnotherInstanceBecomesSearchableAndAPlaceDeletedGoes()
    {
        await using var checkingOften = app.WithWebHostBuilder(b => b.UseSetting("Places:RefreshInterval", "00:00:00.2"));
        var client = checkingOften.CreateClient();
        async Task<bool> FoundAsync()
        {
            var found = await client.GetFromJsonAsync<List<PlaceSuggestion>>("/api/places?q=zzinna%20instancja", ClubFinderApp.Json);
            return found!.Any(p => p.Label == "Zzinna Instancja");
        }
        Assert.False(await FoundAsync());

        // Written as another instance or a command-line import would: straight into the table.
        await using var db = await app.OpenConnectionAsync();
        await db.ExecuteAsync("""
            INSERT INTO places (label, normalized, kind, geom, source, fetched_at)
            VALUES ('Zzinna Instancja', 'zzinna instancja', 'neighbourhood', ST_SetSRID(ST_MakePoint(19.94, 50.06), 4326), 'test', now())
            """);
        try
        {
            Assert.True(await Eventually.ValueAsync(FoundAsync, found => found, TimeSpan.FromSeconds(20)));
        }
        finally
        {
            await db.ExecuteAsync("DELETE FROM places WHERE source = 'test'");
        }
        Assert.False(await Eventually.ValueAsync(FoundAsync, found => !found, TimeSpan.FromSeconds(20)));
    }
}
