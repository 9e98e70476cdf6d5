using System.Text.Json;

namespace ClubFinder.Api.Data;

/// <summary>Adds one entry to the audit log; it is saved with the write it describes, in the same transaction.</summary>
public static class Audit
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Record(ClubFinderDb db, string actor, string entity, string key, string action, object? before, object? after, TimeProvider clock,
        long? suggestionId = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = actor,
            Entity = entity,
            EntityKey = key,
            Action = action,
            Before = before is null ? null : JsonSerializer.SerializeToDocument(before, Json),
            After = after is null ? null : JsonSerializer.SerializeToDocument(after, Json),
            SuggestionId = suggestionId,
        });
}
