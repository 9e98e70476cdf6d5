// Suggestion latency benchmark for GET /api/places (not a test).
// Usage: dotnet run -c Release --project benchmarks/PlaceBench -- <baseUrl> <teryt-streets.csv> <phase> [queries]
//   phase "write-addresses": writes the synthetic address CSV (200 000 points) to stdout's path argument
//   phase "measure": runs the query mix against the app and prints p50/p95/p99 and max in milliseconds.
using System.Diagnostics;
using System.Globalization;

var mode = args[0];
if (mode == "write-addresses")
{
    // SYNTHETIC address points for benchmarking only: real street names from the TERYT register,
    // made-up house numbers and random points inside Kraków's bounding box (points that fall outside
    // the districts are skipped by the importer). Never loaded into a real deployment.
    var streets = File.ReadLines(args[1]).Skip(1).Select(l => l.Split(',')).Select(f => (f[1] == "inne" ? "" : f[1] + " ") + (f[3].Length > 0 ? f[3] + " " : "") + f[2]).ToArray();
    var count = int.Parse(args[3], CultureInfo.InvariantCulture);
    var random = new Random(42);
    using var writer = new StreamWriter(args[2]);
    writer.WriteLine("street,house_number,postcode,lat,lon");
    for (var i = 0; i < count; i++)
    {
        var street = streets[random.Next(streets.Length)];
        var number = random.Next(1, 200) + (random.Next(5) == 0 ? ((char)('A' + random.Next(4))).ToString() : "");
        var lat = 49.98 + random.NextDouble() * 0.13;
        var lon = 19.80 + random.NextDouble() * 0.33;
        writer.WriteLine(FormattableString.Invariant($"\"{street}\",{number},30-{random.Next(0, 999):000},{lat:F6},{lon:F6}"));
    }
    return 0;
}

var baseUrl = args[1];
var queryCount = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 400;
var streetNames = File.ReadLines(args[2]).Skip(1).Select(l => l.Split(',')[2]).ToArray();
var rnd = new Random(7);
string[] neighbourhoods = ["ruczaj", "kurdwanow", "azory", "nowa huta", "bronowice", "pradnik czerwony", "lobzow", "tyniec", "zablocie", "bienczyce"];
var queries = Enumerable.Range(0, queryCount).Select(i => (i % 4) switch
{
    0 => streetNames[rnd.Next(streetNames.Length)].ToLowerInvariant() is var s && s.Length > 3 ? s[..Math.Min(s.Length, 3 + rnd.Next(4))] : s, // typing
    1 => $"{streetNames[rnd.Next(streetNames.Length)]} {rnd.Next(1, 120)}",                                                                   // street + number
    2 => neighbourhoods[rnd.Next(neighbourhoods.Length)],                                                                                      // places
    _ => Typo(streetNames[rnd.Next(streetNames.Length)]),                                                                                      // a wrong letter
}).ToList();

using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
foreach (var q in queries.Take(100)) await http.GetAsync($"/api/places?q={Uri.EscapeDataString(q)}"); // warm-up
var timings = new List<double>();
foreach (var q in queries)
{
    var sw = Stopwatch.StartNew();
    var response = await http.GetAsync($"/api/places?q={Uri.EscapeDataString(q)}&limit=8");
    await response.Content.ReadAsByteArrayAsync();
    timings.Add(sw.Elapsed.TotalMilliseconds);
    if (!response.IsSuccessStatusCode) Console.Error.WriteLine($"{(int)response.StatusCode} for '{q}'");
}
timings.Sort();
double P(double p) => timings[(int)Math.Min(timings.Count - 1, Math.Ceiling(p * timings.Count) - 1)];
Console.WriteLine(FormattableString.Invariant($"queries={timings.Count} p50={P(0.50):F1}ms p95={P(0.95):F1}ms p99={P(0.99):F1}ms max={timings[^1]:F1}ms"));
return 0;

static string Typo(string s) => s.Length < 5 ? s : s[..2] + (char)('a' + (s[2] % 26)) + s[3..];
