using System.Globalization;
using System.Text;

namespace ClubFinder.Api.Infrastructure;

public static class TextSearch
{
    /// <summary>Lower-case without diacritics ("Dąbska" → "dabska", "Łobzów" → "lobzow").</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decomposed = text.ToLowerInvariant().Replace('ł', 'l').Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(c);
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
