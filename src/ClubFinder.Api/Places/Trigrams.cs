namespace ClubFinder.Api.Places;

/// <summary>
/// pg_trgm's trigrams and similarities (contrib/pg_trgm/trgm_op.c), so that suggestions answered from
/// memory rank as the database ranked them: the same float arithmetic, the same thresholds.
/// </summary>
public static class Trigrams
{
    /// <summary><c>pg_trgm.similarity_threshold</c> as the search set it (<c>set_limit(0.2)</c>): the <c>%</c> operator.</summary>
    public const double SimilarityThreshold = 0.2;

    /// <summary><c>pg_trgm.word_similarity_threshold</c>'s default (a float GUC), which <c>set_limit</c> leaves alone: the <c>&lt;%</c> operator.</summary>
    public const double WordSimilarityThreshold = 0.6f;

    /// <summary>
    /// The trigrams of a text in order, repeats kept: each run of letters and digits, lower-cased and
    /// padded with two spaces before and one after ("  ab " → "  a", " ab", "ab ").
    /// </summary>
    public static List<long> Sequence(string text)
    {
        var trigrams = new List<long>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            if (i == start) break;
            // "  " + word + " ", lower-cased.
            char Padded(int k) => k < 2 ? ' ' : k - 2 < i - start ? char.ToLowerInvariant(text[start + k - 2]) : ' ';
            for (var k = 0; k < i - start + 1; k++) trigrams.Add((long)Padded(k) << 32 | (long)Padded(k + 1) << 16 | Padded(k + 2));
        }
        return trigrams;
    }

    /// <summary>The distinct trigrams of a text, sorted.</summary>
    public static long[] Set(string text)
    {
        var trigrams = Sequence(text);
        trigrams.Sort();
        var distinct = 0;
        for (var i = 0; i < trigrams.Count; i++)
            if (i == 0 || trigrams[i] != trigrams[distinct - 1]) trigrams[distinct++] = trigrams[i];
        return trigrams[..distinct].ToArray();
    }

    /// <summary><c>similarity</c>: shared trigrams over the union of both sets (0 when either is empty).</summary>
    public static float Similarity(int shared, int count1, int count2) =>
        count1 <= 0 || count2 <= 0 ? 0f : Ratio(shared, count1, count2);

    /// <summary>
    /// <c>word_similarity(query, text)</c>: the greatest similarity between the query's trigram set and
    /// a contiguous extent of the text's trigram sequence (pg_trgm's iterate_word_similarity, plain mode).
    /// </summary>
    /// <param name="queryCount">How many distinct trigrams the query has.</param>
    /// <param name="sequence">The text's trigrams in order, as indexes into <paramref name="found"/>.</param>
    /// <param name="found">Per distinct trigram of the text: whether the query has it too.</param>
    public static float WordSimilarity(int queryCount, ReadOnlySpan<int> sequence, ReadOnlySpan<bool> found)
    {
        Span<int> lastPosition = found.Length <= 256 ? stackalloc int[found.Length] : new int[found.Length];
        lastPosition.Fill(-1);
        int distinct = 0, count = 0, upper, lower = -1;
        var best = 0f;
        for (var i = 0; i < sequence.Length; i++)
        {
            var trigram = sequence[i];
            if (lower >= 0 || found[trigram])
            {
                if (lastPosition[trigram] < 0)
                {
                    distinct++;
                    if (found[trigram]) count++;
                }
                lastPosition[trigram] = i;
            }
            if (!found[trigram]) continue;

            upper = i;
            if (lower == -1)
            {
                lower = i;
                distinct = 1;
            }
            var current = Ratio(count, queryCount, distinct);
            // Moving the extent's start right may raise the similarity.
            int tryCount = count, tryDistinct = distinct, previousLower = lower;
            for (var tryLower = lower; tryLower <= upper; tryLower++)
            {
                var candidate = Ratio(tryCount, queryCount, tryDistinct);
                if (candidate > current)
                {
                    current = candidate;
                    distinct = tryDistinct;
                    lower = tryLower;
                    count = tryCount;
                }
                var dropped = sequence[tryLower];
                if (lastPosition[dropped] == tryLower)
                {
                    tryDistinct--;
                    if (found[dropped]) tryCount--;
                }
            }
            best = Math.Max(best, current);
            for (var gone = previousLower; gone < lower; gone++)
                if (lastPosition[sequence[gone]] == gone) lastPosition[sequence[gone]] = -1;
        }
        return best;
    }

    // pg_trgm's CALCSML, in single precision as there.
    static float Ratio(int shared, int count1, int count2) => (float)shared / (float)(count1 + count2 - shared);
}
