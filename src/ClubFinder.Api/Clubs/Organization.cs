namespace ClubFinder.Api.Clubs;

public static class OperatorType
{
    public const string Ngo = "ngo";
    public const string Culture = "culture";
    public const string Mops = "mops";
    public const string City = "city";
    public const string Other = "other";
    public static readonly string[] All = [Ngo, Culture, Mops, City, Other];
}

public class Organization
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string Type { get; set; } = OperatorType.Other;
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public uint Version { get; set; }
    public List<Club> Clubs { get; set; } = [];
}
