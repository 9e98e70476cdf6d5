using System.Text.RegularExpressions;
using ClubFinder.Api.Infrastructure;

namespace ClubFinder.Api.Places;

/// <summary>What a person typed, taken apart: the name, a house number and a postcode.</summary>
public sealed record PlaceQuery(string Name, string? HouseNumber, string? Postcode);

/// <summary>
/// Normalises Polish place and address text so that "ul. Dąbska 18D, 31-572 Kraków", "dabska 18d"
/// and "Dąbska 18 D" meet: lower case, no diacritics, no street-type prefix, no city.
/// </summary>
public static partial class PlaceText
{
    static readonly HashSet<string> Prefixes =
    [
        "ul", "ulica", "al", "aleja", "aleje", "os", "osiedle", "pl", "plac", "rondo", "skwer", "park", "bulw", "bulwar",
        "rynek", "ogrod", "inne", "droga", "kopiec", "most", "dzielnica",
    ];

    public static PlaceQuery Parse(string text)
    {
        var folded = TextSearch.Fold(text);
        string? postcode = null;
        var postcodeMatch = PostcodePattern().Match(folded);
        if (postcodeMatch.Success)
        {
            postcode = postcodeMatch.Value;
            folded = folded.Remove(postcodeMatch.Index, postcodeMatch.Length);
        }
        // "18 D" and "39 / 1A" are one house number.
        folded = SplitNumberPattern().Replace(folded, "$1$2");
        folded = SlashPattern().Replace(folded, "/");
        var words = WordPattern().Matches(folded).Select(m => m.Value).ToList();
        while (words.Count > 0 && words[^1] is "krakow" or "krakowie") words.RemoveAt(words.Count - 1);
        string? house = null;
        // The last number-like word after at least one name word is the house number.
        if (words.Count > 1 && HouseNumberPattern().IsMatch(words[^1]) && !words[..^1].All(w => char.IsDigit(w[0])))
        {
            house = words[^1];
            words.RemoveAt(words.Count - 1);
        }
        while (words.Count > 1 && Prefixes.Contains(words[0])) words.RemoveAt(0);
        return new PlaceQuery(string.Join(' ', words), house, postcode);
    }

    /// <summary>The searchable form of a name (street, place, district), without house number.</summary>
    public static string NormalizeName(string text) => Parse(text).Name;

    public static string? NormalizeHouseNumber(string? houseNumber) =>
        string.IsNullOrWhiteSpace(houseNumber) ? null : SlashPattern().Replace(TextSearch.Fold(houseNumber).Replace(" ", ""), "/");

    [GeneratedRegex(@"\b\d{2}-\d{3}\b")]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"\b(\d+)\s+([a-z])\b")]
    private static partial Regex SplitNumberPattern();

    [GeneratedRegex(@"\s*/\s*")]
    private static partial Regex SlashPattern();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[/-][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^\d+[a-z]?(/\d+[a-z]?)?(/[a-z]+\d*)?$")]
    private static partial Regex HouseNumberPattern();
}
