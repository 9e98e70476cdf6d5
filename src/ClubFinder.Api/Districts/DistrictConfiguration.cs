using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClubFinder.Api.Districts;

public class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> district)
    {
        district.HasKey(d => d.Number);
        district.Property(d => d.Number).ValueGeneratedNever();
        district.Property(d => d.Geom).HasColumnType("geometry(MultiPolygon,4326)");
        district.HasIndex(d => d.Geom).HasMethod("gist");
        district.ToTable(t => t.HasCheckConstraint("ck_districts_number", "number BETWEEN 1 AND 18"));
    }
}
