using ClubFinder.Api.Clubs;

namespace ClubFinder.Api.Suggestions;

public static class SuggestionKind
{
    /// <summary>Something on a listed club's page is wrong.</summary>
    public const string Correction = "correction";
    /// <summary>A club the service does not list.</summary>
    public const string MissingClub = "missing-club";
}

public static class SuggestionStatus
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Dismissed = "dismissed";
}

/// <summary>What a correction is about.</summary>
public static class SuggestionTopic
{
    public static readonly string[] All = ["address", "hours", "contact", "closed", "other"];
}

/// <summary>A public correction or missing-club report. Text is stored as typed and only ever shown as text.</summary>
public class Suggestion
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public int? ClubId { get; set; }
    public Club? Club { get; set; }
    public string? Topic { get; set; }
    public string? Text { get; set; }
    /// <summary>For a missing club: its name, address or place, operator and a link.</summary>
    public string? ClubName { get; set; }
    public string? Place { get; set; }
    public string? OperatorName { get; set; }
    public string? Link { get; set; }
    /// <summary>Only for a reply, only with consent; set to null on closing and after the retention period.</summary>
    public string? Email { get; set; }
    public string Status { get; set; } = SuggestionStatus.Open;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? CloseReason { get; set; }
}
