using ClubFinder.Api.Clubs;

namespace ClubFinder.Api.Coverage;

public class CoverageOptions
{
    public const string Section = "Coverage";

    /// <summary>Districts the city's current competition for new clubs names as preferred.</summary>
    public int[] PreferredDistricts { get; set; } = [];
    /// <summary>Which competition named them, and where that was published.</summary>
    public string? Competition { get; set; }
    public string? CompetitionSource { get; set; }
}

/// <summary>`GET /api/coverage`: how well each district is served, least served first.</summary>
public record CoverageReport(
    string? ResidentsDate, string? Source, string Basis, string[] Assumptions,
    double WalkingFactor, double Radius1kmMeters, double Radius2kmMeters,
    string? Competition, string? CompetitionSource, int AwaitingLocationWithoutDistrict,
    CoverageDistrictRow[] Districts);

/// <param name="AreaShare1km">Share (0–1) of the district's area within 1 km walking of a listed club.</param>
/// <param name="ResidentsWithin1km">Estimate assuming residents spread evenly over the district's official area.</param>
/// <param name="Rank">1 = least served (smallest share of residents within 1 km walking); null without residents figures.</param>
public record CoverageDistrictRow(
    int Number, string Roman, string Name, int? Residents, string? ResidentsDate, int? Children0To3,
    int Clubs, int AwaitingLocation, double? ClubsPer10k, double? ClubsPer1kChildren,
    double AreaKm2, double AreaShare1km, double AreaShare2km, int? ResidentsWithin1km, int? ResidentsWithin2km,
    int? Rank, bool Preferred);

/// <summary>`GET /api/coverage/site`: what each candidate site would add on its own, compared with today.</summary>
public record CoverageSites(CoverageSite[] Sites);

public record CoverageSite(double Lat, double Lon, DistrictRef District, double NewlyCoveredAreaKm2, int NewResidentsWithin1km,
    CoverageSiteDistrict[] ByDistrict);

public record CoverageSiteDistrict(int Number, string Name, double NewlyCoveredAreaKm2, int NewResidentsWithin1km, int? RankBefore, int? RankAfter);
