namespace ClubFinder.Api.Infrastructure;

/// <summary>
/// Text PostgreSQL can store: no NUL character (text columns refuse it) and no unpaired UTF-16
/// surrogate (it has no UTF-8 form). Everything else, including other control characters, is
/// left to the field's own rules.
/// </summary>
public static class StorableText
{
    public const string Message =
        "Tekst zawiera znak NUL, niesparowany surogat lub inny nieprawidłowy znak Unicode, których nie da się zapisać. / " +
        "The text contains a NUL character, an unpaired surrogate or another invalid Unicode character, which cannot be stored.";

    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    /// <summary>Also text .NET cannot normalize (U+FFFE, for one): Identity normalizes e-mails and user names.</summary>
    public static bool IsStorable(string? text) => text is null || (IsStorable(text.AsSpan()) && CanNormalize(text));

    static bool CanNormalize(string text)
    {
        try
        {
            return text.IsNormalized() || true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
