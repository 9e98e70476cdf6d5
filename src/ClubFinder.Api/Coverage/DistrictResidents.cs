using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClubFinder.Api.Coverage;

/// <summary>Registered residents of one district on one date, as published by the city (loaded by import-population).</summary>
public class DistrictResidents
{
    public int Id { get; set; }
    public int DistrictNumber { get; set; }
    public DateOnly Date { get; set; }
    public int Residents { get; set; }
    /// <summary>Children aged 0–3 when the source has them; the coverage page then counts clubs per 1 000 children.</summary>
    public int? Children0To3 { get; set; }
    /// <summary>The official area; densities use it because the drawn polygons are up to ~3 % larger.</summary>
    public double? AreaKm2Official { get; set; }
    public required string Source { get; set; }
}

public class DistrictResidentsConfiguration : IEntityTypeConfiguration<DistrictResidents>
{
    public void Configure(EntityTypeBuilder<DistrictResidents> residents)
    {
        residents.ToTable("district_residents", t =>
        {
            t.HasCheckConstraint("ck_district_residents_residents", "residents > 0");
            t.HasCheckConstraint("ck_district_residents_children", "children0to3 IS NULL OR children0to3 >= 0");
            t.HasCheckConstraint("ck_district_residents_area", "area_km2official IS NULL OR area_km2official > 0");
        });
        residents.HasIndex(r => new { r.DistrictNumber, r.Date }).IsUnique();
        residents.HasOne<Districts.District>().WithMany().HasForeignKey(r => r.DistrictNumber).OnDelete(DeleteBehavior.Cascade);
        residents.Property(r => r.Source).HasMaxLength(500);
    }
}
