using NetTopologySuite.Geometries;

namespace ClubFinder.Api.Districts;

public class District
{
    /// <summary>1–18, the number of the dzielnica.</summary>
    public int Number { get; set; }
    public required string Roman { get; set; }
    public required string Name { get; set; }
    public required MultiPolygon Geom { get; set; }
    public double AreaKm2 { get; set; }
}
