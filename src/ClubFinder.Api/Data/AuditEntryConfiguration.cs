using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClubFinder.Api.Data;

public class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> audit)
    {
        audit.ToTable("audit_log");
        audit.HasIndex(a => new { a.Entity, a.EntityKey, a.At });
        audit.Property(a => a.Before).HasColumnType("jsonb");
        audit.Property(a => a.After).HasColumnType("jsonb");
    }
}
