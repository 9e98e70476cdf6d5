using System.Security.Claims;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using Microsoft.AspNetCore.Identity;

namespace ClubFinder.Api.Auth;

/// <summary>Who is writing, and what they may touch.</summary>
public sealed record Editor(string UserId, string Email, bool IsAdmin, int? OrganizationId, string Actor)
{
    public bool CanEdit(Club club) => IsAdmin || club.OrganizationId == OrganizationId;
    public bool CanUse(Organization organization) => IsAdmin || organization.Id == OrganizationId;

    public static async Task<Editor> FromAsync(ClaimsPrincipal principal, UserManager<AppUser> users)
    {
        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("Signed-in user not found.");
        var tokenId = principal.FindFirstValue("token_id");
        var actor = tokenId is null ? user.Email! : $"{user.Email} (API token {tokenId})";
        return new Editor(user.Id, user.Email!, principal.IsInRole(Roles.Admin), user.OrganizationId, actor);
    }
}
