using ClubFinder.Api.Clubs;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Data;
using ClubFinder.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Admin;

public record OrganizationRow(string Slug, string Name, string Type, string? Email, string? Phone, string? Website, int ClubCount);
public record NewOrganization(string? Slug, string? Name, string? Type, string? Email, string? Phone, string? Website);
public record UserRow(string Id, string Email, IReadOnlyList<string> Roles, string? Organization, bool LockedOut, bool HasPassword);
public record InviteRequest(string? Email, string? Role, string? Organization);
public record AccessLink(string Email, string SetPasswordUrl);
public static class AdminAccountEndpoints
{
    public static RouteGroupBuilder MapAdminAccounts(this RouteGroupBuilder admin)
    {
        admin.MapGet("/me", async (HttpContext http, UserManager<AppUser> users) =>
                TypedResults.Ok(await AuthEndpoints.MeAsync((await users.GetUserAsync(http.User))!, users)))
            .WithName("AdminMe").WithSummary("Who is signed in, with roles and organization.");
        admin.MapGet("/organizations", ListOrganizations).WithName("AdminListOrganizations").WithSummary("Operators (an Operator sees its own).");
        admin.MapPost("/organizations", CreateOrganization).WithName("AdminCreateOrganization").WithSummary("Adds an operator (Admin).")
            .RequireAuthorization(AuthSetup.AdminPolicy);
        admin.MapGet("/users", ListUsers).WithName("AdminListUsers").WithSummary("Accounts (Admin).").RequireAuthorization(AuthSetup.AdminPolicy);
        admin.MapPost("/users", Invite).WithName("AdminInviteUser")
            .WithSummary("Creates an account and returns a one-time link to set its password (Admin).").RequireAuthorization(AuthSetup.AdminPolicy);
        admin.MapPost("/users/{id}/reset", ResetAccess).WithName("AdminResetAccess")
            .WithSummary("Unlocks an account, revokes its API tokens and returns a new set-password link (Admin).").RequireAuthorization(AuthSetup.AdminPolicy);
        return admin;
    }

    public static async Task<Ok<List<OrganizationRow>>> ListOrganizations(HttpContext http, ClubFinderDb db, UserManager<AppUser> users)
    {
        var editor = await Editor.FromAsync(http.User, users);
        return TypedResults.Ok(await db.Organizations.AsNoTracking()
            .Where(o => editor.IsAdmin || o.Id == editor.OrganizationId).OrderBy(o => o.Name)
            .Select(o => new OrganizationRow(o.Slug, o.Name, o.Type, o.Email, o.Phone, o.Website, o.Clubs.Count)).ToListAsync());
    }

    public static async Task<Results<Created<OrganizationRow>, ValidationProblem>> CreateOrganization(NewOrganization request, HttpContext http,
        ClubFinderDb db, UserManager<AppUser> users, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Slug) || request.Slug.Length > ClubDocuments.MaxSlug
            || !System.Text.RegularExpressions.Regex.IsMatch(request.Slug, "^[a-z0-9]+(-[a-z0-9]+)*$"))
            errors["slug"] = ["Małe litery, cyfry i myślniki. / Lower-case letters, digits and hyphens."];
        else if (await db.Organizations.AnyAsync(o => o.Slug == request.Slug)) errors["slug"] = ["Ten identyfikator jest zajęty. / This slug is taken."];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["Pole wymagane (do 200 znaków). / Required, at most 200 characters."];
        if (request.Type is null || !OperatorType.All.Contains(request.Type)) errors["type"] = [$"Jeden z: / One of: {string.Join(", ", OperatorType.All)}."];
        foreach (var (field, value, max) in new[] { ("email", request.Email, 200), ("phone", request.Phone, 40), ("website", request.Website, 500) })
            if (value?.Length > max) errors[field] = [$"Najwyżej {max} znaków. / At most {max} characters."];
        if (errors.Count > 0) return Problems.Invalid(errors);
        var organization = new Organization
        {
            Slug = request.Slug!, Name = request.Name!.Trim(), Type = request.Type!,
            Email = request.Email?.Trim(), Phone = request.Phone?.Trim(), Website = request.Website?.Trim(),
        };
        db.Organizations.Add(organization);
        var row = new OrganizationRow(organization.Slug, organization.Name, organization.Type, organization.Email, organization.Phone, organization.Website, 0);
        Audit.Record(db, (await Editor.FromAsync(http.User, users)).Actor, "organization", organization.Slug, "create", null, row, clock);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            return Problems.Invalid("slug", "Ten identyfikator jest zajęty. / This slug is taken.");
        }
        return TypedResults.Created($"/api/admin/organizations/{organization.Slug}", row);
    }

    public static async Task<Ok<List<UserRow>>> ListUsers(UserManager<AppUser> users, TimeProvider clock)
    {
        var all = await users.Users.AsNoTracking().Include(u => u.Organization).OrderBy(u => u.Email).ToListAsync();
        var rows = new List<UserRow>();
        foreach (var user in all)
            rows.Add(new UserRow(user.Id, user.Email!, (await users.GetRolesAsync(user)).ToList(), user.Organization?.Slug,
                user.LockoutEnd > clock.GetUtcNow(), user.PasswordHash is not null));
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Created<AccessLink>, ValidationProblem>> Invite(InviteRequest request, HttpContext http, ClubFinderDb db,
        UserManager<AppUser> users, TimeProvider clock)
    {
        var (user, errors) = await UserCommands.CreateAsync(db, users, request.Email, request.Role, request.Organization, password: null);
        if (user is null) return Problems.Invalid(errors);
        Audit.Record(db, (await Editor.FromAsync(http.User, users)).Actor, "user", user.Email!, "invite", null,
            new { user.Email, request.Role, request.Organization }, clock);
        await db.SaveChangesAsync();
        return TypedResults.Created($"/api/admin/users/{user.Id}", await LinkAsync(user, users, http));
    }

    public static async Task<Results<Ok<AccessLink>, ProblemHttpResult>> ResetAccess(string id, HttpContext http, ClubFinderDb db,
        UserManager<AppUser> users, TimeProvider clock)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return Problems.NotFound("No such account. / Nie ma takiego konta.");
        // Unlock, sign out everywhere, revoke tokens and audit: all or nothing (UserManager shares this DbContext).
        await using var transaction = await db.Database.BeginTransactionAsync();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateSecurityStampAsync(user); // signs the account out everywhere
        await db.ApiTokens.Where(t => t.UserId == id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, clock.GetUtcNow()));
        Audit.Record(db, (await Editor.FromAsync(http.User, users)).Actor, "user", user.Email!, "reset-access", null, null, clock);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Ok(await LinkAsync(user, users, http));
    }

    static async Task<AccessLink> LinkAsync(AppUser user, UserManager<AppUser> users, HttpContext http)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var url = $"{PublicUrls.SiteUrl(http.Request)}/admin/#set-password?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}";
        return new AccessLink(user.Email!, url);
    }
}

/// <summary>Account creation shared by the admin API and the command line.</summary>
public static class UserCommands
{
    /// <summary>The e-mail and user-name columns' length.</summary>
    const int MaxEmail = 256;

    public static async Task<(AppUser? User, Dictionary<string, string[]> Errors)> CreateAsync(ClubFinderDb db, UserManager<AppUser> users,
        string? email, string? role, string? organizationSlug, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        email = email?.Trim();
        if (string.IsNullOrEmpty(email) || !email.Contains('@') || email.Length > MaxEmail) errors["email"] = ["Podaj adres e-mail. / Give an e-mail address."];
        else if (await users.FindByEmailAsync(email) is not null) errors["email"] = ["To konto już istnieje. / This account exists already."];
        if (role is null || !Roles.All.Contains(role)) errors["role"] = [$"Jedna z: / One of: {string.Join(", ", Roles.All)}."];
        Organization? organization = null;
        if (role == Roles.Operator)
        {
            organization = organizationSlug is null ? null : await db.Organizations.SingleOrDefaultAsync(o => o.Slug == organizationSlug);
            if (organization is null) errors["organization"] = ["Operator musi należeć do istniejącej organizacji. / An Operator needs an existing organization."];
        }
        if (errors.Count > 0) return (null, errors);

        foreach (var name in Roles.All)
            if (!await db.Roles.AnyAsync(r => r.Name == name))
                db.Roles.Add(new IdentityRole(name) { NormalizedName = name.ToUpperInvariant() });
        await db.SaveChangesAsync();

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, OrganizationId = organization?.Id };
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded)
            return (null, result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        await users.AddToRoleAsync(user, role!);
        return (user, errors);
    }
}
