using System.Diagnostics.CodeAnalysis;

namespace ClubFinder.Api.Clubs;

public record OperatorInfo(string Slug, string Name, string Type);
public record AddressInfo(string? Street, string? HouseNumber, string? Postcode, string Label);
public record DistrictRef(int Number, string Name);
public record LocationInfo(double Lat, double Lon, string Precision);

/// <summary>A club as listed; <c>OpenNow</c> is null when no schedule is published (unknown, not closed).</summary>
public record ClubSummary
{
    public required string Slug { get; init; }
    public required string Name { get; init; }
    public required OperatorInfo Operator { get; init; }
    public required AddressInfo Address { get; init; }
    public DistrictRef? District { get; init; }
    public required LocationInfo Location { get; init; }
    public bool SpecialNeeds { get; init; }
    public required string Status { get; init; }
    public bool? OpenNow { get; init; }
    /// <summary>Local (Europe/Warsaw) start of the next session, when a schedule is published.</summary>
    public DateTime? NextOpening { get; init; }
    public DateOnly? LastVerifiedAt { get; init; }
}

public record ClubList(int Total, IReadOnlyList<ClubSummary> Items);

public record NearbyClub : ClubSummary
{
    public NearbyClub() { }

    [SetsRequiredMembers]
    public NearbyClub(ClubSummary summary, double distanceMeters, int walkingMinutes) : base(summary)
        => (DistanceMeters, WalkingMinutes) = (distanceMeters, walkingMinutes);

    public double DistanceMeters { get; init; }
    /// <summary>Straight-line distance × 1.3 at 80 m/min, rounded up.</summary>
    public int WalkingMinutes { get; init; }
}

public record Origin(double Lat, double Lon, DistrictRef? District);
public record NearestResult(Origin Origin, IReadOnlyList<NearbyClub> Items);

public record Contacts(string? Phone, string? Email, string? Website);
public record Season(DateOnly? ValidFrom, DateOnly? ValidTo);
public record SessionInfo(int Weekday, string StartsAt, string? EndsAt, string? Title, string? Audience, bool? RegistrationRequired,
    DateOnly? ValidFrom, DateOnly? ValidTo);
public record ClosureInfo(DateOnly From, DateOnly To, string? Reason);
public record SourceInfo(string Url, string? Date, string? Supports);

public record ClubDetails : ClubSummary
{
    public ClubDetails() { }

    [SetsRequiredMembers]
    public ClubDetails(ClubSummary summary) : base(summary) { }

    public Contacts Contacts { get; init; } = new(null, null, null);
    public string? Description { get; init; }
    public string? Fee { get; init; }
    public bool? RegistrationRequired { get; init; }
    public IReadOnlyList<string> Languages { get; init; } = [];
    public string? OpeningHoursText { get; init; }
    /// <summary>A note for parents; the curators' internal remarks are never published.</summary>
    public string? ParentNote { get; init; }
    public Season Season { get; init; } = new(null, null);
    public IReadOnlyList<SessionInfo> Sessions { get; init; } = [];
    public IReadOnlyList<ClosureInfo> Closures { get; init; } = [];
    public string? SourceUrl { get; init; }
    public IReadOnlyList<SourceInfo> Sources { get; init; } = [];
}
