namespace ClubFinder.Api.Coverage;

/// <summary>
/// WGS84 longitude/latitude to EPSG:2180 (PUWG 1992: transverse Mercator on GRS80, central
/// meridian 19°E, scale 0.9993), so a candidate site is projected in memory without asking the
/// database. Snyder's series ("Map Projections — A Working Manual", p. 61) is good to millimetres
/// this close to the central meridian; a test compares it with PostGIS's ST_Transform.
/// </summary>
public static class Puwg1992
{
    const double A = 6_378_137.0;
    const double F = 1 / 298.257222101;
    const double K0 = 0.9993;
    const double Lon0 = 19.0;
    const double FalseEasting = 500_000;
    const double FalseNorthing = -5_300_000;
    const double E2 = F * (2 - F);
    const double Ep2 = E2 / (1 - E2);

    public static (double X, double Y) Project(double lat, double lon)
    {
        var phi = lat * Math.PI / 180;
        var sin = Math.Sin(phi);
        var cos = Math.Cos(phi);
        var tan = Math.Tan(phi);
        var n = A / Math.Sqrt(1 - E2 * sin * sin);
        var t = tan * tan;
        var c = Ep2 * cos * cos;
        var a = (lon - Lon0) * Math.PI / 180 * cos;
        double e4 = E2 * E2, e6 = e4 * E2;
        var m = A * ((1 - E2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi
                     - (3 * E2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * Math.Sin(2 * phi)
                     + (15 * e4 / 256 + 45 * e6 / 1024) * Math.Sin(4 * phi)
                     - 35 * e6 / 3072 * Math.Sin(6 * phi));
        var x = K0 * n * (a + (1 - t + c) * Math.Pow(a, 3) / 6 + (5 - 18 * t + t * t + 72 * c - 58 * Ep2) * Math.Pow(a, 5) / 120);
        var y = K0 * (m + n * tan * (a * a / 2 + (5 - t + 9 * c + 4 * c * c) * Math.Pow(a, 4) / 24
                                     + (61 - 58 * t + t * t + 600 * c - 330 * Ep2) * Math.Pow(a, 6) / 720));
        return (FalseEasting + x, FalseNorthing + y);
    }
}
