using NetTopologySuite.Geometries;

namespace ClubFinder.Api.Clubs;

public static class ClubStatus
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Closed = "closed";
    public static readonly string[] All = [Active, Suspended, Closed];
}

public static class LocationPrecision
{
    public const string Building = "building";
    public const string Street = "street";
    public const string Area = "area";
    public static readonly string[] All = [Building, Street, Area];
}

public class Club
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;

    public string? Street { get; set; }
    public string? HouseNumber { get; set; }
    public string? Postcode { get; set; }
    /// <summary>Null while a known club awaits its point; such a club is not public.</summary>
    public Point? Location { get; set; }
    public string? LocationPrecision { get; set; }
    /// <summary>Always computed from the district polygons, never taken from input.</summary>
    public int? DistrictNumber { get; set; }

    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Website { get; set; }
    public string? Description { get; set; }
    public string? Fee { get; set; }
    public bool? RegistrationRequired { get; set; }
    public bool SpecialNeeds { get; set; }
    public string[] Languages { get; set; } = [];
    /// <summary>Free-text hours as published, kept while no structured timetable exists.</summary>
    public string? OpeningHoursText { get; set; }
    /// <summary>A short note written for parents (e.g. "two addresses are published; call first"); public.</summary>
    public string? ParentNote { get; set; }
    /// <summary>Research remarks for the data's curators (source conflicts, uncertain fields); never public.</summary>
    public string? InternalNotes { get; set; }

    public string Status { get; set; } = ClubStatus.Active;
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public DateOnly? LastVerifiedAt { get; set; }
    public string? SourceUrl { get; set; }
    /// <summary>Every public source with the facts it supports (jsonb).</summary>
    public List<ClubSource> Sources { get; set; } = [];

    /// <summary>Set on every save, so a change to sessions alone still moves the row version.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>PostgreSQL xmin, the optimistic-concurrency token behind ETag / If-Match.</summary>
    public uint Version { get; set; }

    public List<Schedules.Session> Sessions { get; set; } = [];
    public List<Schedules.Closure> Closures { get; set; } = [];
}

public class ClubSource
{
    public required string Url { get; set; }
    public string? Date { get; set; }
    public string? Supports { get; set; }
}
