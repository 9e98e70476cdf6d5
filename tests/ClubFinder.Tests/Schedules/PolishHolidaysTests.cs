using ClubFinder.Api.Schedules;

namespace ClubFinder.Tests.Schedules;

public class PolishHolidaysTests
{
    // The official lists (Dz.U. 1951 nr 4 poz. 28 as amended; 24 December added from 2025), written out by hand.
    public static TheoryData<int, string[]> OfficialLists => new()
    {
        { 2024, ["2024-01-01", "2024-01-06", "2024-03-31", "2024-04-01", "2024-05-01", "2024-05-03", "2024-05-19", "2024-05-30", "2024-08-15", "2024-11-01", "2024-11-11", "2024-12-25", "2024-12-26"] },
        { 2025, ["2025-01-01", "2025-01-06", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-03", "2025-06-08", "2025-06-19", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-24", "2025-12-25", "2025-12-26"] },
        { 2026, ["2026-01-01", "2026-01-06", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-03", "2026-05-24", "2026-06-04", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-24", "2026-12-25", "2026-12-26"] },
        { 2027, ["2027-01-01", "2027-01-06", "2027-03-28", "2027-03-29", "2027-05-01", "2027-05-03", "2027-05-16", "2027-05-27", "2027-08-15", "2027-11-01", "2027-11-11", "2027-12-24", "2027-12-25", "2027-12-26"] },
        { 2028, ["2028-01-01", "2028-01-06", "2028-04-16", "2028-04-17", "2028-05-01", "2028-05-03", "2028-06-04", "2028-06-15", "2028-08-15", "2028-11-01", "2028-11-11", "2028-12-24", "2028-12-25", "2028-12-26"] },
        { 2029, ["2029-01-01", "2029-01-06", "2029-04-01", "2029-04-02", "2029-05-01", "2029-05-03", "2029-05-20", "2029-05-31", "2029-08-15", "2029-11-01", "2029-11-11", "2029-12-24", "2029-12-25", "2029-12-26"] },
        { 2030, ["2030-01-01", "2030-01-06", "2030-04-21", "2030-04-22", "2030-05-01", "2030-05-03", "2030-06-09", "2030-06-20", "2030-08-15", "2030-11-01", "2030-11-11", "2030-12-24", "2030-12-25", "2030-12-26"] },
    };

    [Theory]
    [MemberData(nameof(OfficialLists))]
    public void HolidaysMatchTheOfficialList(int year, string[] expected)
    {
        var computed = PolishHolidays.In(year).Keys.Order().Select(d => d.ToString("yyyy-MM-dd")).ToArray();
        Assert.Equal(expected, computed);
    }

    [Theory]
    [InlineData("2024-04-01", "2024-05-30")]
    [InlineData("2025-04-21", "2025-06-19")]
    [InlineData("2026-04-06", "2026-06-04")]
    [InlineData("2027-03-29", "2027-05-27")]
    [InlineData("2028-04-17", "2028-06-15")]
    [InlineData("2029-04-02", "2029-05-31")]
    [InlineData("2030-04-22", "2030-06-20")]
    public void EasterMondayAndCorpusChristiCarryTheirPolishNames(string easterMonday, string corpusChristi)
    {
        Assert.StartsWith("Poniedziałek Wielkanocny", PolishHolidays.NameOf(DateOnly.Parse(easterMonday)));
        Assert.Equal("Boże Ciało", PolishHolidays.NameOf(DateOnly.Parse(corpusChristi)));
        var pentecost = PolishHolidays.EasterSunday(DateOnly.Parse(easterMonday).Year).AddDays(49);
        Assert.StartsWith("Zielone Świątki", PolishHolidays.NameOf(pentecost));
        Assert.Equal(DayOfWeek.Sunday, pentecost.DayOfWeek);
    }

    [Fact]
    public void ChristmasEveIsAHolidayOnlyFrom2025()
    {
        Assert.False(PolishHolidays.IsHoliday(new DateOnly(2024, 12, 24)));
        Assert.Equal("Wigilia Bożego Narodzenia", PolishHolidays.NameOf(new DateOnly(2025, 12, 24)));
        Assert.Null(PolishHolidays.NameOf(new DateOnly(2026, 3, 10)));
    }
}
