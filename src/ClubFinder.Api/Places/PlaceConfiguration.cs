using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClubFinder.Api.Places;

public class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> place)
    {
        place.Property(p => p.Geom).HasColumnType("geometry(Point,4326)");
        place.HasIndex(p => p.Geom).HasMethod("gist");
        place.HasIndex(p => p.Normalized).HasMethod("gin").HasOperators("gin_trgm_ops");
        place.HasIndex(p => new { p.Kind, p.Normalized, p.HouseNumber }).IsUnique().AreNullsDistinct(false);
    }
}
