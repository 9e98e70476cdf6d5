using ClubFinder.Api.Clubs;
using Microsoft.AspNetCore.Identity;

namespace ClubFinder.Api.Auth;

public static class Roles
{
    /// <summary>The city office: every club, operator and account.</summary>
    public const string Admin = "Admin";
    /// <summary>An operator's staff: the clubs of one organization.</summary>
    public const string Operator = "Operator";
    public static readonly string[] All = [Admin, Operator];
}

public class AppUser : IdentityUser
{
    /// <summary>The organization an Operator works for; null for Admins.</summary>
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
}

/// <summary>A personal API token for scripts; only its SHA-256 hash is stored.</summary>
public class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AppUser User { get; set; } = null!;
    public required string Name { get; set; }
    /// <summary>The first characters, so a person can tell tokens apart in a list.</summary>
    public required string Prefix { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>After this the token is refused (401); one year after creation unless chosen otherwise.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
