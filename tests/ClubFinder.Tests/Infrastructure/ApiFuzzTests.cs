using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClubFinder.Tests.Admin;
using CsCheck;
using Xunit.Abstractions;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>The fuzz test's own app and database: its writes (new clubs, accounts) must not reach other tests.</summary>
public sealed class FuzzApp : ClubFinderApp;

[CollectionDefinition(Name)]
public class FuzzCollection : ICollectionFixture<FuzzApp>
{
    public const string Name = "fuzz";
}

/// <summary>
/// Property-based test over every operation in the OpenAPI document: each JSON body property,
/// query and route parameter gets plausible values, hostile strings (NUL, lone surrogates, 10 000
/// characters), huge numbers, wrong types, nulls and deep nesting, as anonymous, Operator and
/// Admin. No answer may be a 5xx. CLUBFINDER_FUZZ_CASES sets the number of cases (default 2 000).
/// </summary>
[Collection(FuzzCollection.Name)]
public class ApiFuzzTests(FuzzApp app, ITestOutputHelper output)
{
    const int DefaultCases = 2000;

    [Fact]
    public async Task NoGeneratedRequestGetsA5xx()
    {
        var cases = long.TryParse(Environment.GetEnvironmentVariable("CLUBFINDER_FUZZ_CASES"), out var n) && n > 0 ? n : DefaultCases;
        var world = await AdminWorld.CreateAsync(app);
        await app.WaitForReloadAsync(s => s.BySlug.ContainsKey(world.ClubA));
        var (operations, schemas) = await OperationsAsync();
        // The document must describe the admin API too, or the test would silently skip it.
        Assert.Contains(operations, o => o.Method == "PUT" && o.Path == "/api/admin/clubs/{slug}");
        Assert.Contains(operations, o => o.Method == "POST" && o.Path == "/api/admin/import/clubs" && o.Csv);
        Assert.Contains(operations, o => o.Method == "POST" && o.Path == "/api/auth/login" && o.Body is not null);

        var values = new Values(world, schemas);
        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.Anonymous] = app.CreateClient(),
            [Caller.Operator] = AdminWorld.Bearer(app, world.OperatorAToken),
            [Caller.Admin] = AdminWorld.Bearer(app, world.AdminToken),
        };
        var gen =
            from operation in Gen.OneOf(operations.ToArray())
            from caller in operation.Path.StartsWith("/api/admin", StringComparison.Ordinal)
                ? Gen.Frequency((1, Caller.Anonymous), (2, Caller.Operator), (7, Caller.Admin))
                : Gen.Const(Caller.Anonymous)
            from parameters in All(operation.Parameters.Select(p => values.Parameter(p.Name, p.Schema, required: p.In == "path")))
            from body in operation.Body is { } schema ? values.Json(schema, null, 0).Select(b => (string?)b)
                : operation.Csv ? values.Csv().Select(b => (string?)b) : Gen.Const<string?>((string?)null)
            from currentETag in Gen.Frequency((4, true), (1, false))
            select new FuzzCase(operation, caller, operation.Parameters.Select(p => p.Name).Zip(parameters).ToArray(), body, currentETag);

        var statuses = new ConcurrentDictionary<int, int>();
        var reached = new ConcurrentDictionary<string, bool>();
        var started = DateTime.UtcNow;
        await gen.SampleAsync(async c =>
        {
            var response = await SendAsync(clients[c.Caller], c);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, k) => k + 1);
            if (status is >= 200 and < 300) reached[c.Operation.ToString()] = true;
            if (status >= 500)
                throw new Xunit.Sdk.XunitException($"{c} answered {status}: {await response.Content.ReadAsStringAsync()}");
        }, iter: cases, threads: 2, seed: Environment.GetEnvironmentVariable("CLUBFINDER_FUZZ_SEED"), print: c => c.ToString());

        output.WriteLine($"{cases} cases over {operations.Count} operations in {(DateTime.UtcNow - started).TotalSeconds:F1} s; " +
            $"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; " +
            $"{reached.Count} operations answered 2xx at least once");
        Assert.Equal(cases, statuses.Values.Sum());
        // Plausible values must get past validation often enough to exercise the handlers themselves.
        Assert.True(reached.Count >= operations.Count / 2, $"Only {reached.Count} of {operations.Count} operations ever answered 2xx.");
    }

    async Task<HttpResponseMessage> SendAsync(HttpClient client, FuzzCase c)
    {
        var path = c.Operation.Path;
        var query = new List<string>();
        foreach (var (name, value) in c.Parameters)
        {
            // Kestrel itself refuses %00 in a path (400), and the test server cannot even send it.
            if (path.Contains("{" + name + "}", StringComparison.Ordinal)) path = path.Replace("{" + name + "}", Encode((value ?? "").Replace("\0", "")));
            else if (value is not null) query.Add(Encode(name) + "=" + Encode(value));
        }
        var request = new HttpRequestMessage(new HttpMethod(c.Operation.Method), path + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        if (c.Body is not null)
            request.Content = new StringContent(c.Body, Encoding.UTF8, c.Operation.Csv ? "text/csv" : "application/json");
        if (c.Operation.Method == "PUT")
        {
            // Without the current ETag every PUT stops at 412 before validation.
            var etag = c.CurrentETag ? (await client.GetAsync(path)).Headers.ETag : null;
            request.Headers.IfMatch.Add(etag ?? new EntityTagHeaderValue("\"0\""));
        }
        return await client.SendAsync(request);
    }

    /// <summary>UTF-8 percent-encoding of every byte outside the unreserved set (NUL is %00; a lone surrogate becomes U+FFFD).</summary>
    static string Encode(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~') text.Append((char)b);
            else text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    async Task<(List<Operation>, JsonElement Schemas)> OperationsAsync()
    {
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var root = document.RootElement.Clone();
        var schemas = root.GetProperty("components").GetProperty("schemas");
        var operations = new List<Operation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
            foreach (var method in path.Value.EnumerateObject())
            {
                var parameters = method.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
                        Resolve(p.TryGetProperty("schema", out var s) ? s : default, schemas))).Where(p => p.In is "path" or "query").ToList()
                    : [];
                JsonElement? body = null;
                var csv = false;
                if (method.Value.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content))
                {
                    if (content.TryGetProperty("application/json", out var json)) body = Resolve(json.GetProperty("schema"), schemas);
                    csv = content.TryGetProperty("text/csv", out _);
                }
                operations.Add(new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, body, csv));
            }
        return (operations, schemas);
    }

    internal static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
            return schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        if (schema.ValueKind == JsonValueKind.Object && (schema.TryGetProperty("oneOf", out var any) || schema.TryGetProperty("anyOf", out any)))
            return Resolve(any.EnumerateArray().FirstOrDefault(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")), schemas);
        return schema;
    }

    // CsCheck's OneOf/Frequency would take generators as constants without the IGen cast.
    static Gen<T> Either<T>(params Gen<T>[] gens) => Gen.OneOf(gens.Select(g => (IGen<T>)g).ToArray());

    static Gen<T> Weighted<T>(params (int Weight, Gen<T> Gen)[] gens) => Gen.Frequency(gens.Select(g => (g.Weight, (IGen<T>)g.Gen)).ToArray());

    static Gen<string?[]> All(IEnumerable<Gen<string?>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<string?>()), (all, next) => from a in all from x in next select (string?[])[.. a, x]);

    public enum Caller { Anonymous, Operator, Admin }

    public sealed record Parameter(string Name, string In, JsonElement Schema);

    public sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, JsonElement? Body, bool Csv)
    {
        public override string ToString() => $"{Method} {Path}";
    }

    public sealed record FuzzCase(Operation Operation, Caller Caller, (string Name, string? Value)[] Parameters, string? Body, bool CurrentETag)
    {
        public override string ToString() =>
            $"{Operation} as {Caller} with {string.Join("&", Parameters.Select(p => $"{p.Name}={Show(p.Value)}"))} body {Show(Body)}";

        static string Show(string? value) => value is null ? "(none)"
            : JsonSerializer.Serialize(value.Length > 300 ? value[..300] + $"… ({value.Length} chars)" : value);
    }

    /// <summary>Generators of plausible and hostile values, by parameter or property name and by schema.</summary>
    sealed class Values(AdminWorld world, JsonElement schemas)
    {
        static readonly string[] HostileStrings =
        [
            "\0", "a\0b", "\0\0\0", "\ud800", "x\udc00y", "\udfff\ud800", "\ud83d", "😀", "\uffff", "\ufffe", "\u202e", "\u2028", "\u0085",
            "\u0001", "\t\r\n", " ", "", "   ", "' OR 1=1 --", "'; DROP TABLE clubs; --", "%00", "%", "%zz", "%ED%A0%80", "../../etc/passwd",
            "<script>alert(1)</script>", "=1+1", "NaN", "Infinity", "-0", "1e400", "-1e400", "null", "true", "{}", "[]", "\\", "\"",
            "Zażółć gęślą jaźń", "ŁÓDŹ", "İ", "ß", new string('a', 10_000), new string('ż', 5_000), new string('\0', 100),
            "9999-12-31", "0001-01-01", "2026-02-30", "24:00", "23:59:60", "99:99", "-1", "2147483648", "-2147483649", "1e308", "0x10",
            "P99999999W", "PT0S", "P1Y", "I", "XIX", "0", "19", "50.06,19.93", "1,2,3,4", "-180,-90,180,90",
        ];

        public static readonly Gen<string> Hostile = Weighted(
            (4, Gen.OneOf(HostileStrings)),
            (2, Gen.String),
            (1, Gen.String[Gen.Char, 0, 400]),
            (1, Gen.String[Gen.Char["\0\ud800\udc00a-/.,: "], 0, 40]));

        /// <summary>JSON texts of the wrong kind: nulls, huge numbers, other types, deep nesting.</summary>
        static readonly Gen<string> WrongJson = Either(
            Gen.OneOf("null", "true", "false", "0", "-1", "1e308", "-1.7976931348623157E+308", "1e400", "123456789012345678901234567890",
                "4294967296", "0.0000000001", "\"\"", "[]", "{}", "[null]", "{\"\":null}", "[[],[[]]]"),
            Gen.Int[1, 400].Select(depth => new string('[', depth) + new string(']', depth)),
            Gen.Int[1, 200].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)),
            Hostile.Select(Quote),
            Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture)));

        static Gen<string> Date => Gen.Int[-400, 400].Select(d => new DateOnly(2026, 3, 10).AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        static Gen<string> Time => Gen.Int[0, 95].Select(q => new TimeOnly(0, 0).AddMinutes(q * 15).ToString("HH:mm", CultureInfo.InvariantCulture));
        static Gen<string> Slug => Gen.String[Gen.Char['a', 'z'], 4, 10].Select(s => "test-fuzz-" + s);

        /// <summary>Plausible text for a name, so that some requests get past validation into the handler.</summary>
        Gen<string>? Plausible(string name) => name switch
        {
            "slug" => Either(Gen.OneOf(world.ClubA, world.ClubB, "nie-ma-takiego-klubu"), Slug),
            "organization" => Gen.OneOf(world.OrgA, world.OrgB, "nie-ma"),
            "id" => Either(Gen.Int[1_000_000, int.MaxValue].Select(i => i.ToString(CultureInfo.InvariantCulture)), Gen.Const("x"), Gen.Guid.Select(g => g.ToString())),
            "lat" => Gen.Double[49.95, 50.15].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            "lon" => Gen.Double[19.8, 20.2].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            "limit" or "day" or "weekday" => Gen.Int[0, 60].Select(i => i.ToString(CultureInfo.InvariantCulture)),
            "radius" or "maxDistance" => Gen.Int[0, 60_000].Select(i => i.ToString(CultureInfo.InvariantCulture)),
            "district" => Gen.OneOf("1", "8", "18", "XIV", "viii", "19"),
            "operatorType" or "type" => Gen.OneOf("ngo", "culture", "mops", "city", "other", "NGO"),
            "q" => Gen.OneOf("dabska", "Nowa Huta", "ul. Dąbska 18D", "31-572", "kr", "Kraków"),
            "from" or "to" or "validFrom" or "validTo" or "lastVerifiedAt" => Date,
            "openAt" => from d in Date from t in Time select $"{d}T{t}",
            "startsAt" or "endsAt" => Time,
            "within" => Gen.OneOf("PT3H", "PT90M", "P1D", "P7D", "P8D"),
            "bbox" => Gen.OneOf("19.8,49.9,20.2,50.2", "20,50,19,49"),
            "mode" => Gen.OneOf("preview", "commit"),
            "skipInvalid" or "stale" or "specialNeeds" or "openNow" => Gen.OneOf("true", "false"),
            "status" => Gen.OneOf("active", "suspended", "closed"),
            "precision" => Gen.OneOf("building", "street", "area"),
            "role" => Gen.OneOf("Admin", "Operator"),
            "email" => Gen.String[Gen.Char['a', 'z'], 1, 12].Select(s => $"fuzz-{s}@example.test"),
            "password" => Gen.Const(AdminWorld.Password),
            "postcode" => Gen.OneOf("31-572", "30-001"),
            "website" or "sourceUrl" => Gen.OneOf("https://example.org/klub", "http://krakow.pl"),
            "name" or "title" or "audience" or "reason" or "street" or "description" or "fee" => Gen.String[Gen.Char['a', 'z'], 1, 30].Select(s => "TEST fuzz " + s),
            _ => null,
        };

        public Gen<string?> Parameter(string name, JsonElement schema, bool required)
        {
            var plausible = Plausible(name) ?? Scalar(schema);
            var value = Weighted((5, plausible), (4, Hostile));
            return required ? value.Select(v => (string?)v) : Weighted((1, Gen.Const<string?>((string?)null)), (6, value.Select(v => (string?)v)));
        }

        static Gen<string> Scalar(JsonElement schema) => TypeOf(schema) switch
        {
            "integer" => Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
            "number" => Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            "boolean" => Gen.OneOf("true", "false"),
            _ => Gen.String[Gen.Char['a', 'z'], 0, 12],
        };

        /// <summary>A JSON text for a schema: mostly well-typed (plausible or hostile leaves), sometimes the wrong kind altogether.</summary>
        public Gen<string> Json(JsonElement schema, string? name, int depth)
        {
            var typed = TypeOf(schema) switch
            {
                "object" when depth < 4 && schema.TryGetProperty("properties", out var properties) => Object(properties, depth),
                "array" when depth < 4 => Array(schema.TryGetProperty("items", out var items) ? items : default, name, depth),
                "integer" => Plausible(name ?? "")?.Select(Number) ?? Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
                "number" => Plausible(name ?? "")?.Select(Number) ?? Gen.Double[-1e6, 1e6].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
                "boolean" => Gen.OneOf("true", "false"),
                "string" => Weighted((5, Plausible(name ?? "") ?? Gen.String[Gen.Char['a', 'z'], 0, 12]), (4, Hostile)).Select(Quote),
                _ => Gen.Const("null"),
            };
            return Weighted((12, typed), (1, WrongJson));
        }

        Gen<string> Object(JsonElement properties, int depth) =>
            All(properties.EnumerateObject().Select(p =>
                    Weighted((1, Gen.Const<string?>((string?)null)), (5, Json(Resolve(p.Value, schemas), p.Name, depth + 1).Select(j => (string?)$"{Quote(p.Name)}:{j}")))))
                .Select(members => "{" + string.Join(',', members.Where(m => m is not null)) + "}");

        Gen<string> Array(JsonElement items, string? name, int depth)
        {
            var item = items.ValueKind == JsonValueKind.Object ? Json(Resolve(items, schemas), name == "languages" ? "language" : null, depth + 1) : Hostile.Select(Quote);
            if (name == "languages") item = Weighted((4, Gen.OneOf("pl", "en", "uk").Select(Quote)), (1, item));
            return Weighted((8, item.Array[0, 6]), (1, item.Array[95, 110])).Select(elements => "[" + string.Join(',', elements) + "]");
        }

        /// <summary>A CSV upload with the export's header (or a mangled one) and a few rows of plausible or hostile cells.</summary>
        public Gen<string> Csv()
        {
            string[] columns = ["slug", "name", "operator_slug", "street", "house_number", "postcode", "lat", "lon", "phone", "email", "languages",
                "status", "valid_from", "last_verified_at", "description"];
            var cell = Weighted((3, Gen.String[Gen.Char['a', 'z'], 0, 8]), (2, Hostile));
            var row = from slug in Gen.OneOf(world.ClubA, world.ClubB, "test-fuzz-csv")
                      from org in Gen.OneOf(world.OrgA, world.OrgB)
                      from cells in cell.Array[columns.Length - 3, columns.Length - 3]
                      select string.Join(',', new[] { slug, "TEST fuzz", org }.Concat(cells).Select(CsvQuote));
            var header = Weighted((6, Gen.Const(string.Join(',', columns))), (1, Hostile.Select(CsvQuote)));
            return from h in header from rows in row.Array[0, 4] select h + "\n" + string.Join("\n", rows) + "\n";
        }

        static string CsvQuote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

        /// <summary>Plausible numbers come as text; anything that is not a JSON number is sent as a string (a wrong type).</summary>
        static string Number(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? text : Quote(text);

        static string? TypeOf(JsonElement schema)
        {
            if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type)) return null;
            if (type.ValueKind == JsonValueKind.String) return type.GetString();
            return type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null");
        }
    }

    /// <summary>JSON string literal written by hand, so lone surrogates go out as \uD800 escapes instead of being replaced.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\') text.Append('\\').Append(c);
            else if (c < ' ' || char.IsSurrogate(c)) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else text.Append(c);
        }
        return text.Append('"').ToString();
    }
}
