using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ClubFinder.Api.Schedules;

/// <summary>
/// Polish statutory public holidays (ustawa o dniach wolnych od pracy, Dz.U. 1951 nr 4 poz. 28 as amended):
/// fixed dates plus the Easter-based ones; 6 January since 2011 and 24 December since 2025.
/// </summary>
public static class PolishHolidays
{
    static readonly ConcurrentDictionary<int, FrozenDictionary<DateOnly, string>> Years = new();

    /// <summary>The holiday's Polish name, or null on an ordinary day.</summary>
    public static string? NameOf(DateOnly date) => In(date.Year).GetValueOrDefault(date);

    public static bool IsHoliday(DateOnly date) => In(date.Year).ContainsKey(date);

    public static FrozenDictionary<DateOnly, string> In(int year) => Years.GetOrAdd(year, Compute);

    /// <summary>Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    static FrozenDictionary<DateOnly, string> Compute(int year)
    {
        var easter = EasterSunday(year);
        var days = new Dictionary<DateOnly, string>
        {
            [new(year, 1, 1)] = "Nowy Rok",
            [easter] = "Wielkanoc (pierwszy dzień Wielkiej Nocy)",
            [easter.AddDays(1)] = "Poniedziałek Wielkanocny (drugi dzień Wielkiej Nocy)",
            [new(year, 5, 1)] = "Święto Pracy",
            [new(year, 5, 3)] = "Święto Narodowe Trzeciego Maja",
            [easter.AddDays(49)] = "Zielone Świątki (pierwszy dzień Zielonych Świątek)",
            [easter.AddDays(60)] = "Boże Ciało",
            [new(year, 8, 15)] = "Wniebowzięcie Najświętszej Maryi Panny",
            [new(year, 11, 1)] = "Wszystkich Świętych",
            [new(year, 11, 11)] = "Narodowe Święto Niepodległości",
            [new(year, 12, 25)] = "Boże Narodzenie (pierwszy dzień)",
            [new(year, 12, 26)] = "Boże Narodzenie (drugi dzień)",
        };
        if (year >= 2011) days[new(year, 1, 6)] = "Święto Trzech Króli";
        if (year >= 2025) days[new(year, 12, 24)] = "Wigilia Bożego Narodzenia";
        return days.ToFrozenDictionary();
    }
}
