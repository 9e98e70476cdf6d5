using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClubFinder.Api.Suggestions;

public class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    public void Configure(EntityTypeBuilder<Suggestion> suggestion)
    {
        suggestion.ToTable("suggestions", t =>
        {
            t.HasCheckConstraint("ck_suggestions_kind", "kind IN ('correction','missing-club')");
            t.HasCheckConstraint("ck_suggestions_status", "status IN ('open','accepted','dismissed')");
            // Personal data never outlives the suggestion's handling.
            t.HasCheckConstraint("ck_suggestions_email_only_while_open", "email IS NULL OR status = 'open'");
        });
        suggestion.Property(s => s.Kind).HasMaxLength(20);
        suggestion.Property(s => s.Status).HasMaxLength(20);
        suggestion.Property(s => s.Topic).HasMaxLength(20);
        suggestion.Property(s => s.Text).HasMaxLength(SuggestionRules.MaxText);
        suggestion.Property(s => s.ClubName).HasMaxLength(SuggestionRules.MaxShort);
        suggestion.Property(s => s.Place).HasMaxLength(SuggestionRules.MaxShort);
        suggestion.Property(s => s.OperatorName).HasMaxLength(SuggestionRules.MaxShort);
        suggestion.Property(s => s.Link).HasMaxLength(SuggestionRules.MaxLink);
        suggestion.Property(s => s.Email).HasMaxLength(SuggestionRules.MaxEmail);
        suggestion.Property(s => s.CloseReason).HasMaxLength(SuggestionRules.MaxReason);
        suggestion.HasOne(s => s.Club).WithMany().HasForeignKey(s => s.ClubId).OnDelete(DeleteBehavior.SetNull);
        suggestion.HasIndex(s => new { s.Status, s.ClubId });
        suggestion.HasIndex(s => s.CreatedAt);
    }
}
