using ClubFinder.Api.Admin;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Districts;
using ClubFinder.Api.Places;
using ClubFinder.Api.Schedules;
using Microsoft.EntityFrameworkCore;

namespace ClubFinder.Api.Data;

public class ClubFinderDb(DbContextOptions<ClubFinderDb> options) : DbContext(options)
{
    public DbSet<District> Districts => Set<District>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Club> Clubs => Set<Club>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Closure> Closures => Set<Closure>();
    public DbSet<Place> Places => Set<Place>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.HasPostgresExtension("postgis");
        model.HasPostgresExtension("pg_trgm");
        model.HasPostgresExtension("unaccent");
        model.ApplyConfigurationsFromAssembly(typeof(ClubFinderDb).Assembly);
    }
}
