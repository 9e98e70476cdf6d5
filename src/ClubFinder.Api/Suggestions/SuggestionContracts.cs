namespace ClubFinder.Api.Suggestions;

/// <summary>
/// The public form's body. <c>Website</c> is the honeypot: the form hides it from people and
/// screen readers, so only a robot fills it in.
/// </summary>
public record SuggestionRequest(string? Kind, string? Club, string? Topic, string? Text, string? Name, string? Place,
    string? Operator, string? Link, string? Email, bool EmailConsent = false, string? Website = null);

/// <summary>What the sender learns: that it arrived, and for how long an e-mail is kept. Nothing about other suggestions.</summary>
public record SuggestionReceipt(bool Received, int EmailKeptDays);

public record SuggestionClubRef(string Slug, string Name);

/// <summary>One row of the admin queue; text fields are exactly what the sender typed.</summary>
public record SuggestionRow(long Id, string Kind, string Status, SuggestionClubRef? Club, string? Topic, string? Text,
    string? Name, string? Place, string? Operator, string? Link, string? Email, DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt, string? ClosedBy, string? CloseReason);

public record DismissRequest(string? Reason);

public class SuggestionOptions
{
    public const string Section = "Suggestions";

    /// <summary>Suggestions one client address may send in an hour.</summary>
    public int PerClientPerHour { get; set; } = 5;

    /// <summary>The largest request body the public form may send.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>An e-mail address is deleted after this many days even if the suggestion is still open.</summary>
    public int EmailRetentionDays { get; set; } = 90;

    /// <summary>How often the clean-up looks for e-mail addresses to delete.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);
}
