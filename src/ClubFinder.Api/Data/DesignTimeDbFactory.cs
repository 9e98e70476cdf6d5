using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClubFinder.Api.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database.</summary>
public class DesignTimeDbFactory : IDesignTimeDbContextFactory<ClubFinderDb>
{
    public ClubFinderDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ClubFinderDb>()
        .UseNpgsql("Host=localhost;Database=design_time", npgsql => npgsql.UseNetTopologySuite())
        .UseSnakeCaseNamingConvention()
        .Options);
}
