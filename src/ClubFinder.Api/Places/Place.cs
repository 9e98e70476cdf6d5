using NetTopologySuite.Geometries;

namespace ClubFinder.Api.Places;

public static class PlaceKind
{
    public const string District = "district";
    public const string Neighbourhood = "neighbourhood";
    public const string Street = "street";
    public const string Address = "address";
    public const string Poi = "poi";
    public const string Club = "club";
    /// <summary>A public-transport stop (all platforms of one name), from the transport authority's GTFS feed.</summary>
    public const string Stop = "przystanek";
}

/// <summary>A gazetteer entry for address search.</summary>
public class Place
{
    public long Id { get; set; }
    public required string Label { get; set; }
    /// <summary>Lower-case, unaccented, prefix-free text that searches compare against.</summary>
    public required string Normalized { get; set; }
    public required string Kind { get; set; }
    public string? Street { get; set; }
    public string? HouseNumber { get; set; }
    public string? Postcode { get; set; }
    /// <summary>Null for a street name known from the register without a point.</summary>
    public Point? Geom { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset? FetchedAt { get; set; }
}
