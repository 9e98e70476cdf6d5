using ClubFinder.Api.Clubs;
using ClubFinder.Api.Districts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace ClubFinder.Api.Data;

public static class DatabaseExtensions
{
    public const string ConnectionName = "ClubFinder";

    /// <summary>
    /// One NpgsqlDataSource (with NetTopologySuite) shared by EF Core and Dapper.
    /// </summary>
    public static IServiceCollection AddClubFinderDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ =>
        {
            var connectionString = configuration.GetConnectionString(ConnectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"No database configured: set ConnectionStrings:{ConnectionName} (environment ConnectionStrings__{ConnectionName}) or start the service with ./run.sh.");
            }
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.UseNetTopologySuite();
            return builder.Build();
        });
        services.AddDbContext<ClubFinderDb>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention());
        services.AddOptions<DataOptions>().BindConfiguration(DataOptions.Section);
        services.AddScoped<ClubImporter>();
        services.AddScoped<DistrictImporter>();
        services.AddScoped<Places.Gazetteer>();
        services.AddSingleton<Places.PlaceIndex>();
        services.AddOptions<Places.PlaceIndexOptions>().BindConfiguration(Places.PlaceIndexOptions.Section);
        services.AddScoped<Places.PlaceSearch>();
        services.AddScoped<Places.PlaceLookup>();
        services.AddScoped<Places.PlaceFileImporter>();
        Places.NominatimGeocoder.Register(services);
        return services;
    }

    /// <summary>Applies migrations, then loads data/ when the tables are still empty.</summary>
    public static async Task MigrateAndSeedAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubFinderDb>();
        // On a new database EF reads __EFMigrationsHistory before creating it and logs that expected
        // failure as an error, so every first start began with a red "fail:". Only while migrating
        // is a failing command expected; a real migration failure still throws with its message.
        var migrating = new DbContextOptionsBuilder<ClubFinderDb>(scope.ServiceProvider.GetRequiredService<DbContextOptions<ClubFinderDb>>())
            .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug)))
            .Options;
        await using (var migrator = new ClubFinderDb(migrating))
            await migrator.Database.MigrateAsync(ct);
        // New extensions' types (postgis) must be known to connections opened before the migration.
        await scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().ReloadTypesAsync(ct);

        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DataOptions>>().Value;
        if (!options.SeedOnStart) return;
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("ClubFinder.Seed");
        if (!await db.Districts.AnyAsync(ct))
        {
            var file = Path.Combine(options.ResolvedDirectory, "districts.geojson");
            var result = await scope.ServiceProvider.GetRequiredService<DistrictImporter>().ImportAsync(file, ct);
            logger.LogInformation("Seeded districts from {File}: {Result}", file, result);
        }
        // Residents came later than districts: seed them whenever there are none, also into an existing database.
        var population = Path.Combine(options.ResolvedDirectory, "district-population.csv");
        if (File.Exists(population) && await db.Districts.AnyAsync(ct) && !await db.DistrictResidents.AnyAsync(ct))
        {
            var result = await scope.ServiceProvider.GetRequiredService<Coverage.PopulationImporter>()
                .ImportAsync(population, Coverage.PopulationImporter.SeedSource, ct);
            logger.LogInformation("Seeded residents per district from {File}: {Result}", population, result);
        }
        if (!await db.Clubs.AnyAsync(ct))
        {
            var file = Path.Combine(options.ResolvedDirectory, "clubs.json");
            var result = await scope.ServiceProvider.GetRequiredService<ClubImporter>().ImportAsync(file, ct);
            logger.LogInformation("Seeded clubs from {File}: {Result}", file, result);
        }
        if (!await db.Places.AnyAsync(ct))
        {
            var count = await scope.ServiceProvider.GetRequiredService<Places.Gazetteer>().RebuildBaseAsync(ct);
            logger.LogInformation("Seeded the gazetteer: {Count} places", count);
        }
        // Stops came later than the gazetteer: seed them whenever there are none, also into an existing database.
        var gtfs = Path.Combine(options.ResolvedDirectory, "gtfs-ztp-krakow");
        if (Directory.Exists(gtfs) && !await db.Places.AnyAsync(p => p.Kind == Places.PlaceKind.Stop, ct))
        {
            var files = Directory.GetFiles(gtfs, "*stops.txt").Order(StringComparer.Ordinal).ToList();
            if (files.Count > 0)
            {
                var report = await scope.ServiceProvider.GetRequiredService<Places.PlaceFileImporter>().ImportStopsAsync(files, ct);
                logger.LogInformation("Seeded public-transport stops from {Folder}: {Report}", gtfs, report);
            }
        }
    }
}

public class DataOptions
{
    public const string Section = "Data";

    /// <summary>Folder with the seed files; defaults to data/ beside the binary.</summary>
    public string? Directory { get; set; }

    /// <summary>Import data/ at start-up when the tables are empty.</summary>
    public bool SeedOnStart { get; set; } = true;

    public string ResolvedDirectory => Directory ?? Path.Combine(AppContext.BaseDirectory, "data");
}
