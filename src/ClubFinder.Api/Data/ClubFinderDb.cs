using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Districts;
using ClubFinder.Api.Places;
using ClubFinder.Api.Schedules;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Data;

public class ClubFinderDb(DbContextOptions<ClubFinderDb> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<District> Districts => Set<District>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Club> Clubs => Set<Club>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Closure> Closures => Set<Closure>();
    public DbSet<Place> Places => Set<Place>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Coverage.DistrictResidents> DistrictResidents => Set<Coverage.DistrictResidents>();
    /// <summary>Shared by all app instances, so cookies and antiforgery tokens work behind a load balancer.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        base.OnModelCreating(model);
        // Identity names its tables AspNet…; keep the schema's snake_case.
        model.Entity<AppUser>().ToTable("users");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityRole>().ToTable("roles");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>().ToTable("user_roles");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("user_claims");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("user_logins");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("user_tokens");
        model.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<string>>().ToTable("role_claims");
        model.HasPostgresExtension("postgis");
        model.HasPostgresExtension("pg_trgm");
        model.HasPostgresExtension("unaccent");
        model.ApplyConfigurationsFromAssembly(typeof(ClubFinderDb).Assembly);
    }
}
