namespace ClubFinder.Api.Infrastructure;

public static class Geo
{
    /// <summary>Mean Earth radius (IUGG), the sphere PostGIS uses for geography without spheroid.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    public const double KrakowLat = 50.0614;
    public const double KrakowLon = 19.9366;
    public const double ServiceRadiusMeters = 50_000;

    /// <summary>Great-circle distance in metres (haversine): within 0.5 % of the ellipsoid at city scale.</summary>
    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2) =>
        DistanceMeters(lat1, lon1, CosOfLatitude(lat1), lat2, lon2, CosOfLatitude(lat2));

    /// <summary>The same distance with both latitudes' cosines already known (an index keeps them per point).</summary>
    public static double DistanceMeters(double lat1, double lon1, double cosLat1, double lat2, double lon2, double cosLat2)
    {
        var sinHalfLat = Math.Sin(Rad(lat2 - lat1) / 2);
        var sinHalfLon = Math.Sin(Rad(lon2 - lon1) / 2);
        var a = sinHalfLat * sinHalfLat + cosLat1 * cosLat2 * (sinHalfLon * sinHalfLon);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static double CosOfLatitude(double lat) => Math.Cos(Rad(lat));

    static double Rad(double degrees) => degrees * Math.PI / 180;

    public static bool InServiceArea(double lat, double lon) =>
        DistanceMeters(lat, lon, KrakowLat, KrakowLon) <= ServiceRadiusMeters;

    /// <summary>
    /// Walking time: straight-line distance × 1.3 (streets are not straight) at 4.8 km/h
    /// (80 m a minute, a parent with a pushchair), rounded up, at least one minute.
    /// </summary>
    public static int WalkingMinutes(double meters) => Math.Max(1, (int)Math.Ceiling(meters * 1.3 / 80));
}
