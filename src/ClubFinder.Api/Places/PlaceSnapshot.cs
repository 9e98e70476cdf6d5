using System.Buffers;

namespace ClubFinder.Api.Places;

/// <summary>A place that is not an address point (district, neighbourhood, street, stop, point of interest, club); no point for a register street.</summary>
public sealed record PlaceName(string Label, string Kind, string Normalized, string? HouseNumber, string? Postcode, string Source, double? Lat, double? Lon);

/// <summary>An address point, kept small: there are hundreds of thousands. <c>Street</c> indexes the snapshot's street names.</summary>
public readonly record struct AddressPoint(string Label, string? HouseNumber, string? Postcode, string Source, double Lat, double Lon, int Street);

/// <summary>A ranked suggestion with what the lookup judges it by: its searchable name and house number.</summary>
public sealed record PlaceHit(string Label, string Kind, double Lat, double Lon, string Source, string Normalized, string? HouseNumber);

/// <summary>
/// One immutable load of `places`, searched as the database searched it with pg_trgm. Names (a few
/// thousand) are found by shared trigrams (an inverted index), by prefix (binary search in name
/// order) and by postcode; address points through the best five matching streets and the house
/// number's prefix (binary search in each street's points), or by postcode alone.
/// </summary>
public sealed class PlaceSnapshot
{
    const int StreetsSearched = 5;

    // Per-name counters for one search, handed back zeroed; private, as the shared pool's arrays come back dirty.
    static readonly ArrayPool<int> Counters = ArrayPool<int>.Create();

    readonly PlaceName[] names;
    readonly int[][] nameTrigrams;          // per name: its distinct trigram ids, sorted
    readonly int[][] nameSequences;         // per name: its trigrams in order, as indexes into nameTrigrams
    readonly Dictionary<long, int> trigramIds = [];
    readonly int[][] postings;              // per trigram id: the names that have it
    readonly int[] byNormalized;            // name indexes in ordinal order of their searchable text
    readonly Dictionary<string, int[]> namesByPostcode;
    readonly AddressPoint[] addresses;      // by street, then house number (ordinal)
    readonly string[] streets;
    readonly Dictionary<string, (int Start, int Count)> streetPoints = new(StringComparer.Ordinal);
    readonly Dictionary<string, int[]> addressesByPostcode;

    public PlaceVersion Version { get; }
    public int NameCount => names.Length;
    public int AddressCount => addresses.Length;

    public PlaceSnapshot(PlaceVersion version, IReadOnlyList<PlaceName> names, AddressPoint[] addresses, string[] streets)
    {
        Version = version;
        this.names = [.. names];
        this.addresses = addresses;
        this.streets = streets;

        nameTrigrams = new int[this.names.Length][];
        nameSequences = new int[this.names.Length][];
        var namesOf = new List<List<int>>();
        for (var i = 0; i < this.names.Length; i++)
        {
            var sequence = Trigrams.Sequence(this.names[i].Normalized);
            var ids = sequence.Select(t =>
            {
                if (trigramIds.TryGetValue(t, out var id)) return id;
                trigramIds[t] = namesOf.Count;
                namesOf.Add([]);
                return namesOf.Count - 1;
            }).ToList();
            nameTrigrams[i] = ids.Distinct().Order().ToArray();
            nameSequences[i] = ids.Select(id => Array.BinarySearch(nameTrigrams[i], id)).ToArray();
            foreach (var id in nameTrigrams[i]) namesOf[id].Add(i);
        }
        postings = namesOf.Select(l => l.ToArray()).ToArray();
        byNormalized = Enumerable.Range(0, this.names.Length).OrderBy(i => this.names[i].Normalized, StringComparer.Ordinal).ToArray();
        namesByPostcode = Enumerable.Range(0, this.names.Length).Where(i => this.names[i].Postcode is not null)
            .GroupBy(i => this.names[i].Postcode!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

        for (var start = 0; start < addresses.Length;)
        {
            var end = start;
            while (end < addresses.Length && addresses[end].Street == addresses[start].Street) end++;
            streetPoints[streets[addresses[start].Street]] = (start, end - start);
            start = end;
        }
        addressesByPostcode = Enumerable.Range(0, addresses.Length).Where(i => addresses[i].Postcode is not null)
            .GroupBy(i => addresses[i].Postcode!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The best <paramref name="count"/> places for what was typed, ranked as the SQL search ranked
    /// them: similarity (the greatest of name, name + number and best-matching words), +0.5 for the
    /// exact name, +0.3 for a prefix, +0.3 for the postcode, and by kind: the address with the number
    /// typed +2, other addresses +1.2, streets +0.25, districts, neighbourhoods and stops +0.15; then
    /// the shortest label, then the label (code point order, as the database's C.UTF-8 collation).
    /// </summary>
    public List<PlaceHit> Search(PlaceQuery query, int count)
    {
        var name = query.Name;
        var house = query.HouseNumber;
        var full = house is null ? name : $"{name} {house}";
        var nameSet = Trigrams.Set(name);
        var fullSet = house is null ? nameSet : Trigrams.Set(full);
        var nameIds = new List<int>(nameSet.Length);
        foreach (var trigram in nameSet)
            if (trigramIds.TryGetValue(trigram, out var id)) nameIds.Add(id);
        nameIds.Sort();

        var ranked = new List<(PlaceHit Hit, double Score)>();
        var streetSimilarity = new Dictionary<string, float>(StringComparer.Ordinal);
        void Consider(int n, int sharedName, int sharedFull)
        {
            var place = names[n];
            var byName = Trigrams.Similarity(sharedName, nameTrigrams[n].Length, nameSet.Length);
            var byFull = Trigrams.Similarity(sharedFull, nameTrigrams[n].Length, fullSet.Length);
            var matched = byName >= Trigrams.SimilarityThreshold || byFull >= Trigrams.SimilarityThreshold
                          || place.Normalized.StartsWith(name, StringComparison.Ordinal) || (query.Postcode is not null && place.Postcode == query.Postcode);
            if (!matched && (float)sharedName / nameSet.Length < Trigrams.WordSimilarityThreshold) return;
            var byWords = sharedName == 0 ? 0f : WordSimilarity(n, nameIds, nameSet.Length);
            if (!matched && byWords < Trigrams.WordSimilarityThreshold) return;
            var similarity = Math.Max(Math.Max(byName, byWords), byFull);
            if (place.Kind == PlaceKind.Street)
                streetSimilarity[place.Normalized] = Math.Max(similarity, streetSimilarity.GetValueOrDefault(place.Normalized));
            if (place is { Lat: { } lat, Lon: { } lon })
                ranked.Add((new PlaceHit(place.Label, place.Kind, lat, lon, place.Source, place.Normalized, place.HouseNumber),
                    Score(similarity, place.Kind, place.Normalized, place.HouseNumber, place.Postcode, query, full)));
        }

        // Names sharing trigrams with the text, counted against the name and the name with the number.
        var sharedName = Counters.Rent(names.Length);
        var sharedFull = Counters.Rent(names.Length);
        var touched = Counters.Rent(names.Length);
        var touchedCount = 0;
        try
        {
            foreach (var trigram in fullSet)
            {
                if (!trigramIds.TryGetValue(trigram, out var id)) continue;
                var inName = house is null || Array.BinarySearch(nameSet, trigram) >= 0;
                foreach (var n in postings[id])
                {
                    if (sharedFull[n]++ == 0) touched[touchedCount++] = n;
                    if (inName) sharedName[n]++;
                }
            }
            // Most share a trigram or two: too few for either similarity (word similarity is at most the share of
            // the text's trigrams the name has). Those considered are marked -1.
            foreach (var n in touched.AsSpan(0, touchedCount))
            {
                var trigrams = nameTrigrams[n].Length;
                if (Trigrams.Similarity(sharedName[n], trigrams, nameSet.Length) < Trigrams.SimilarityThreshold
                    && Trigrams.Similarity(sharedFull[n], trigrams, fullSet.Length) < Trigrams.SimilarityThreshold
                    && (float)sharedName[n] / nameSet.Length < Trigrams.WordSimilarityThreshold)
                    continue;
                Consider(n, sharedName[n], sharedFull[n]);
                sharedName[n] = -1;
            }

            // Those it begins and those with its postcode (a postcode typed alone begins every name).
            var others = new HashSet<int>();
            for (var i = FirstAtOrAfter(name); i < byNormalized.Length && names[byNormalized[i]].Normalized.StartsWith(name, StringComparison.Ordinal); i++)
                if (sharedName[byNormalized[i]] != -1) others.Add(byNormalized[i]);
            if (query.Postcode is not null && namesByPostcode.TryGetValue(query.Postcode, out var withPostcode))
                others.UnionWith(withPostcode.Where(n => sharedName[n] != -1));
            foreach (var n in others) Consider(n, sharedName[n], sharedFull[n]);
        }
        finally
        {
            foreach (var n in touched.AsSpan(0, touchedCount)) sharedName[n] = sharedFull[n] = 0;
            Counters.Return(touched);
            Counters.Return(sharedName);
            Counters.Return(sharedFull);
        }

        // Address points: on the best streets, numbers beginning with the one typed; or all of a postcode typed alone.
        if (house is not null)
        {
            var best = streetSimilarity.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(StreetsSearched);
            foreach (var (street, similarity) in best)
            {
                if (!streetPoints.TryGetValue(street, out var range)) continue;
                for (var i = FirstNumberAtOrAfter(range, house); i < range.Start + range.Count && addresses[i].HouseNumber?.StartsWith(house, StringComparison.Ordinal) == true; i++)
                    ranked.Add(AddressHit(i, similarity, query, full));
            }
        }
        else if (query.Postcode is not null && name.Length == 0 && addressesByPostcode.TryGetValue(query.Postcode, out var points))
        {
            foreach (var i in points) ranked.Add(AddressHit(i, 0.5f, query, full));
        }

        ranked.Sort(Rank);
        return ranked.Take(count).Select(r => r.Hit).ToList();
    }

    static int Rank((PlaceHit Hit, double Score) a, (PlaceHit Hit, double Score) b)
    {
        var order = b.Score.CompareTo(a.Score);
        if (order == 0) order = a.Hit.Label.Length.CompareTo(b.Hit.Label.Length);
        if (order == 0) order = string.CompareOrdinal(a.Hit.Label, b.Hit.Label);
        // Beyond the SQL's order, which left such ties to chance: one question, one answer.
        if (order == 0) order = string.CompareOrdinal(a.Hit.Kind, b.Hit.Kind);
        if (order == 0) order = string.CompareOrdinal(a.Hit.Normalized, b.Hit.Normalized);
        return order;
    }

    (PlaceHit, double) AddressHit(int i, float similarity, PlaceQuery query, string full)
    {
        var point = addresses[i];
        var street = streets[point.Street];
        return (new PlaceHit(point.Label, PlaceKind.Address, point.Lat, point.Lon, point.Source, street, point.HouseNumber),
            Score(similarity, PlaceKind.Address, street, point.HouseNumber, point.Postcode, query, full));
    }

    /// <summary>The SQL's rank: a float4 similarity plus numeric bonuses, added in double precision in this order.</summary>
    static double Score(float similarity, string kind, string normalized, string? houseNumber, string? postcode, PlaceQuery query, string full)
    {
        double score = similarity;
        score += normalized == query.Name || normalized == full ? 0.5 : 0;
        score += normalized.StartsWith(query.Name, StringComparison.Ordinal) ? 0.3 : 0;
        score += query.Postcode is not null && postcode == query.Postcode ? 0.3 : 0;
        score += kind switch
        {
            PlaceKind.Address when query.HouseNumber is not null && houseNumber == query.HouseNumber => 2,
            PlaceKind.Address => 1.2,
            PlaceKind.Street => 0.25,
            PlaceKind.District or PlaceKind.Neighbourhood or PlaceKind.Stop => 0.15,
            _ => 0,
        };
        return score;
    }

    float WordSimilarity(int n, List<int> queryIds, int queryCount)
    {
        var trigrams = nameTrigrams[n];
        Span<bool> found = trigrams.Length <= 256 ? stackalloc bool[trigrams.Length] : new bool[trigrams.Length];
        for (var k = 0; k < trigrams.Length; k++) found[k] = queryIds.BinarySearch(trigrams[k]) >= 0;
        return Trigrams.WordSimilarity(queryCount, nameSequences[n], found);
    }

    int FirstAtOrAfter(string prefix)
    {
        int low = 0, high = byNormalized.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(names[byNormalized[middle]].Normalized, prefix) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    // A point without a number sorts last, as NULLS LAST loaded it.
    int FirstNumberAtOrAfter((int Start, int Count) range, string prefix)
    {
        int low = range.Start, high = range.Start + range.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (addresses[middle].HouseNumber is { } number && string.CompareOrdinal(number, prefix) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
