using ClubFinder.Api.Clubs;
using ClubFinder.Api.Schedules;

namespace ClubFinder.Tests.Schedules;

/// <summary>The opening rules on clubs built in memory; dates are in 2026 (Easter Monday is 6 April).</summary>
public class ClubScheduleTests
{
    static Club ClubWith(params Session[] sessions) => new()
    {
        Slug = "test-synthetic-unit", Name = "TEST synthetic unit club",
        Organization = new Organization { Slug = "test-synthetic-operator", Name = "TEST synthetic operator", Type = "ngo" },
        Sessions = [.. sessions],
    };

    static Session Weekly(int weekday, string start, string? end = null, string? title = null) => new()
    {
        Weekday = weekday, StartsAt = TimeOnly.Parse(start), EndsAt = end is null ? null : TimeOnly.Parse(end), Title = title,
    };

    static DateTime At(string local) => DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture);
    static DateOnly Day(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    static string[] Starts(Club club, string from, string to) =>
        ClubSchedule.Occurrences(club, Day(from), Day(to)).Select(o => o.LocalStart.ToString("yyyy-MM-dd HH:mm")).ToArray();

    [Fact]
    public void TheSeasonsFirstAndLastDaysAreInclusive()
    {
        var club = ClubWith(Weekly(1, "10:00", "12:00"));
        club.ValidFrom = Day("2026-03-02");
        club.ValidTo = Day("2026-03-30");

        Assert.Equal(["2026-03-02 10:00", "2026-03-09 10:00", "2026-03-16 10:00", "2026-03-23 10:00", "2026-03-30 10:00"],
            Starts(club, "2026-02-16", "2026-04-20"));
        Assert.True(ClubSchedule.IsOpenAt(club, At("2026-03-02T10:00")));
        Assert.True(ClubSchedule.IsOpenAt(club, At("2026-03-30T11:00")));
        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-02-23T10:00")));
        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-04-13T10:00")));
        Assert.Null(ClubSchedule.NextOpening(club, At("2026-03-30T10:01")));
    }

    [Fact]
    public void ASessionsOwnDatesReplaceTheClubsSeason()
    {
        var june = Weekly(2, "16:00", "17:00", "June only");
        june.ValidFrom = Day("2026-06-01");
        june.ValidTo = Day("2026-06-30");
        var club = ClubWith(Weekly(2, "10:00", "11:00", "term"), june);
        club.ValidFrom = Day("2026-03-01");
        club.ValidTo = Day("2026-06-10");

        var titles = ClubSchedule.Occurrences(club, Day("2026-06-01"), Day("2026-06-30")).Select(o => $"{o.Date:MM-dd} {o.Session.Title}");
        Assert.Equal(["06-02 term", "06-02 June only", "06-09 term", "06-09 June only", "06-16 June only", "06-23 June only", "06-30 June only"], titles);
    }

    [Fact]
    public void AClosureCancelsEveryDayOfItsInclusiveRange()
    {
        var club = ClubWith(Weekly(1, "10:00", "12:00"), Weekly(3, "10:00", "12:00"));
        club.Closures = [new Closure { FromDate = Day("2026-03-09"), ToDate = Day("2026-03-16"), Reason = "Remont" }];

        Assert.Equal(["2026-03-02 10:00", "2026-03-04 10:00", "2026-03-18 10:00"], Starts(club, "2026-03-02", "2026-03-18"));
        var cancelled = ClubSchedule.Cancellations(club, club.Sessions[0], Day("2026-03-02"), Day("2026-03-18"));
        Assert.Equal([Day("2026-03-09"), Day("2026-03-16")], cancelled.Select(c => c.Date));
        Assert.All(cancelled, c => Assert.Equal(("closure", "Remont"), (c.Kind, c.Reason)));
        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-03-16T10:30")));
    }

    [Fact]
    public void PublicHolidaysCancelWeeklySessions()
    {
        var club = ClubWith(Weekly(1, "10:00", "12:00"), Weekly(4, "10:00", "12:00"));

        Assert.Equal(["2026-03-30 10:00", "2026-04-02 10:00", "2026-04-09 10:00", "2026-04-13 10:00"], Starts(club, "2026-03-30", "2026-04-13"));
        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-04-06T10:30")));
        Assert.Equal(At("2026-04-09T10:00"), ClubSchedule.NextOpening(club, At("2026-04-06T08:00")));
        var cancelled = Assert.Single(ClubSchedule.Cancellations(club, club.Sessions[0], Day("2026-03-30"), Day("2026-04-13")));
        Assert.Equal(("holiday", Day("2026-04-06")), (cancelled.Kind, cancelled.Date));
        Assert.StartsWith("Poniedziałek Wielkanocny", cancelled.Reason);
    }

    [Fact]
    public void AOneOffSessionDatedOnAHolidayRunsButATermLongOneDoesNot()
    {
        var easterSpecial = Weekly(1, "12:00", "13:00", "Easter Monday special");
        easterSpecial.ValidFrom = easterSpecial.ValidTo = Day("2026-04-06");
        var term = Weekly(1, "10:00", "11:00", "term with own dates");
        term.ValidFrom = Day("2026-03-01");
        term.ValidTo = Day("2026-06-30");
        var club = ClubWith(term, easterSpecial);

        var occurrence = Assert.Single(ClubSchedule.Occurrences(club, Day("2026-04-06"), Day("2026-04-06")));
        Assert.Equal("Easter Monday special", occurrence.Session.Title);
        Assert.True(ClubSchedule.IsOpenAt(club, At("2026-04-06T12:30")));
        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-04-06T10:30")));
    }

    [Fact]
    public void AClosureBeatsAOneOffHolidaySession()
    {
        var easterSpecial = Weekly(1, "12:00", "13:00");
        easterSpecial.ValidFrom = easterSpecial.ValidTo = Day("2026-04-06");
        var club = ClubWith(easterSpecial);
        club.Closures = [new Closure { FromDate = Day("2026-04-01"), ToDate = Day("2026-04-10") }];

        Assert.Empty(ClubSchedule.Occurrences(club, Day("2026-04-06"), Day("2026-04-06")));
    }

    [Theory]
    [InlineData(ClubStatus.Suspended)]
    [InlineData(ClubStatus.Closed)]
    public void ASuspendedOrClosedClubHasNoOccurrencesAndIsNeverOpen(string status)
    {
        var club = ClubWith(Weekly(2, "10:00", "12:00"));
        club.Status = status;

        Assert.Empty(ClubSchedule.Occurrences(club, Day("2026-03-01"), Day("2026-05-31")));
        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-03-10T10:30")));
        Assert.Null(ClubSchedule.NextOpening(club, At("2026-03-10T08:00")));
        Assert.False(ClubSchedule.HasSessionOn(club, 2));
    }

    [Fact]
    public void AClubWithoutSessionsIsUnknownNotClosed()
    {
        var club = ClubWith();

        Assert.Null(ClubSchedule.IsOpenAt(club, At("2026-03-10T10:30")));
        Assert.Null(ClubSchedule.NextOpening(club, At("2026-03-10T10:30")));
        Assert.Empty(ClubSchedule.Occurrences(club, Day("2026-03-01"), Day("2026-03-31")));
    }

    [Fact]
    public void ASessionIsOpenFromItsFirstMinuteAndClosedAtItsEnd()
    {
        var club = ClubWith(Weekly(2, "10:00", "12:00"));

        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-03-10T09:59:59")));
        Assert.True(ClubSchedule.IsOpenAt(club, At("2026-03-10T10:00")));
        Assert.True(ClubSchedule.IsOpenAt(club, At("2026-03-10T11:59:59")));
        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-03-10T12:00")));
        Assert.Equal(At("2026-03-10T10:00"), ClubSchedule.NextOpening(club, At("2026-03-10T10:00")));
        Assert.Equal(At("2026-03-17T10:00"), ClubSchedule.NextOpening(club, At("2026-03-10T10:01")));
    }

    [Fact]
    public void ASessionWithoutAPublishedEndCountsAsOneHour()
    {
        var club = ClubWith(Weekly(2, "09:30"));

        var occurrence = Assert.Single(ClubSchedule.Occurrences(club, Day("2026-03-10"), Day("2026-03-10")));
        Assert.False(occurrence.EndKnown);
        Assert.Equal(At("2026-03-10T10:30"), occurrence.LocalEnd);
        Assert.True(ClubSchedule.IsOpenAt(club, At("2026-03-10T10:29")));
        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-03-10T10:30")));
    }

    [Fact]
    public void ASessionAt0230OnTheSpringChangeDayMovesToSummerTime0330AndKeepsItsHour()
    {
        var club = ClubWith(Weekly(7, "02:30", "03:30"));

        var (before, changeDay) = (ClubSchedule.Occurrences(club, Day("2026-03-22"), Day("2026-03-22"))[0],
            ClubSchedule.Occurrences(club, Day("2026-03-29"), Day("2026-03-29"))[0]);

        Assert.Equal((At("2026-03-22T02:30"), Utc("2026-03-22T01:30")), (before.LocalStart, before.Start));
        Assert.Equal(At("2026-03-29T03:30"), changeDay.LocalStart);
        Assert.Equal(At("2026-03-29T04:30"), changeDay.LocalEnd);
        Assert.Equal((Utc("2026-03-29T01:30"), Utc("2026-03-29T02:30")), (changeDay.Start, changeDay.End));
        Assert.True(ClubSchedule.IsOpenAt(club, At("2026-03-29T04:00")));
    }

    [Fact]
    public void ASessionEndingInTheSpringGapEndsAtTheMovedWallClockTime()
    {
        var club = ClubWith(Weekly(7, "01:30", "02:30"));

        var o = ClubSchedule.Occurrences(club, Day("2026-03-29"), Day("2026-03-29"))[0];

        Assert.Equal((At("2026-03-29T01:30"), At("2026-03-29T03:30")), (o.LocalStart, o.LocalEnd));
        Assert.Equal(TimeSpan.FromHours(1), o.End - o.Start);
    }

    [Fact]
    public void ASessionSpanningTheAutumnChangeKeepsItsWallClockTimesAndLastsAnHourLonger()
    {
        var club = ClubWith(Weekly(7, "01:30", "03:30"), Weekly(7, "02:30"));

        var occurrences = ClubSchedule.Occurrences(club, Day("2026-10-25"), Day("2026-10-25"));
        var spanning = occurrences.Single(o => o.Session.EndsAt is not null);
        var repeated = occurrences.Single(o => o.Session.EndsAt is null);

        Assert.Equal((At("2026-10-25T01:30"), At("2026-10-25T03:30")), (spanning.LocalStart, spanning.LocalEnd));
        Assert.Equal((Utc("2026-10-24T23:30"), Utc("2026-10-25T02:30")), (spanning.Start, spanning.End));
        Assert.Equal(TimeSpan.FromHours(3), spanning.End - spanning.Start);
        // 02:30 happens twice that night: the session means the first one, still in summer time.
        Assert.Equal(Utc("2026-10-25T00:30"), repeated.Start);
        Assert.Equal(Utc("2026-10-25T01:30"), repeated.End);
        Assert.True(ClubSchedule.IsOpenAt(club, At("2026-10-25T03:15")));
        Assert.False(ClubSchedule.IsOpenAt(club, At("2026-10-25T03:30")));
    }

    static DateTimeOffset Utc(string utc) => new(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}
