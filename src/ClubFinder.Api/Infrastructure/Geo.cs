namespace ClubFinder.Api.Infrastructure;

public static class Geo
{
    /// <summary>Mean Earth radius (IUGG), the sphere PostGIS uses for geography without spheroid.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    public const double KrakowLat = 50.0614;
    public const double KrakowLon = 19.9366;
    public const double ServiceRadiusMeters = 50_000;

    /// <summary>Great-circle distance in metres (haversine): within 0.5 % of the ellipsoid at city scale.</summary>
    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static bool InServiceArea(double lat, double lon) =>
        DistanceMeters(lat, lon, KrakowLat, KrakowLon) <= ServiceRadiusMeters;

    /// <summary>
    /// Walking time: straight-line distance × 1.3 (streets are not straight) at 4.8 km/h
    /// (80 m a minute, a parent with a pushchair), rounded up, at least one minute.
    /// </summary>
    public static int WalkingMinutes(double meters) => Math.Max(1, (int)Math.Ceiling(meters * 1.3 / 80));
}
