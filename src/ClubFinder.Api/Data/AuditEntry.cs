using System.Text.Json;

namespace ClubFinder.Api.Data;

/// <summary>Append-only record of one write.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Entity { get; set; }
    public required string EntityKey { get; set; }
    public required string Action { get; set; }
    public JsonDocument? Before { get; set; }
    public JsonDocument? After { get; set; }
    /// <summary>The public suggestion this write answers, when it answers one.</summary>
    public long? SuggestionId { get; set; }
}
