namespace ClubFinder.Api.Schedules;

/// <summary>A weekly recurring session; times are Europe/Warsaw wall-clock times.</summary>
public class Session
{
    public int Id { get; set; }
    public int ClubId { get; set; }
    /// <summary>ISO weekday, 1 = Monday … 7 = Sunday.</summary>
    public int Weekday { get; set; }
    public TimeOnly StartsAt { get; set; }
    /// <summary>Unknown when a source gives only the start.</summary>
    public TimeOnly? EndsAt { get; set; }
    public string? Title { get; set; }
    public string? Audience { get; set; }
    public bool? RegistrationRequired { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}

public class Closure
{
    public int Id { get; set; }
    public int ClubId { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
    public string? Reason { get; set; }
}
