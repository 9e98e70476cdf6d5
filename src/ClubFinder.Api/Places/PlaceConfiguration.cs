using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClubFinder.Api.Places;

public class PlaceConfiguration : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> place)
    {
        place.Property(p => p.Geom).HasColumnType("geometry(Point,4326)");
        place.HasIndex(p => p.Geom).HasMethod("gist");
        // Names are matched by trigrams; address points (the bulk) are found through their street by b-tree.
        place.HasIndex(p => p.Normalized).HasMethod("gin").HasOperators("gin_trgm_ops").HasFilter("kind <> 'address'");
        place.HasIndex(p => p.Postcode).HasFilter("kind = 'address'");
        place.HasIndex(p => new { p.Kind, p.Normalized, p.HouseNumber }).IsUnique().AreNullsDistinct(false);
    }
}
