using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClubFinder.Api.Clubs;

public class ClubConfiguration : IEntityTypeConfiguration<Club>
{
    public void Configure(EntityTypeBuilder<Club> club)
    {
        club.HasIndex(c => c.Slug).IsUnique();
        club.Property(c => c.Slug).HasMaxLength(120);
        club.Property(c => c.Name).HasMaxLength(200);
        club.Property(c => c.Location).HasColumnType("geometry(Point,4326)");
        club.HasIndex(c => c.Location).HasMethod("gist");
        club.Property(c => c.Status).HasMaxLength(20);
        club.Property(c => c.LocationPrecision).HasMaxLength(20);
        club.Property(c => c.ParentNote).HasMaxLength(1000);
        club.Property(c => c.Version).IsRowVersion();
        club.OwnsMany(c => c.Sources, sources => sources.ToJson());
        club.HasOne(c => c.Organization).WithMany(o => o.Clubs).HasForeignKey(c => c.OrganizationId);
        club.HasMany(c => c.Sessions).WithOne().HasForeignKey(s => s.ClubId).OnDelete(DeleteBehavior.Cascade);
        club.HasMany(c => c.Closures).WithOne().HasForeignKey(s => s.ClubId).OnDelete(DeleteBehavior.Cascade);
        club.ToTable(t =>
        {
            t.HasCheckConstraint("ck_clubs_status", "status IN ('active','suspended','closed')");
            t.HasCheckConstraint("ck_clubs_location_precision",
                "location_precision IS NULL OR location_precision IN ('building','street','area')");
            t.HasCheckConstraint("ck_clubs_season", "valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to");
        });
    }
}

public class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> org)
    {
        org.HasIndex(o => o.Slug).IsUnique();
        org.Property(o => o.Slug).HasMaxLength(120);
        org.Property(o => o.Type).HasMaxLength(20);
        org.Property(o => o.Version).IsRowVersion();
        org.ToTable(t => t.HasCheckConstraint("ck_organizations_type", "type IN ('ngo','culture','mops','city','other')"));
    }
}
