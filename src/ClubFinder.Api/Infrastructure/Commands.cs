using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Api.Districts;
using ClubFinder.Api.Places;

namespace ClubFinder.Api.Infrastructure;

/// <summary>The binary's command line: `migrate`, `import FILE`.</summary>
public static class Commands
{
    static readonly string[] Names = ["migrate", "import", "import-places"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        try
        {
            switch (args[0])
            {
                case "migrate":
                    await services.MigrateAndSeedAsync();
                    Console.WriteLine("Database migrated.");
                    return 0;
                case "import" when args.Length == 2:
                    await services.MigrateAndSeedAsync();
                    await using (var scope = services.CreateAsyncScope())
                        Console.WriteLine($"{args[1]}: {await ImportAsync(scope.ServiceProvider, args[1])}");
                    return 0;
                case "import-places" when args.Length == 2:
                    await services.MigrateAndSeedAsync();
                    await using (var scope = services.CreateAsyncScope())
                    {
                        var report = await scope.ServiceProvider.GetRequiredService<PlaceFileImporter>().ImportAsync(args[1]);
                        Console.WriteLine($"{args[1]}: {report}");
                    }
                    return 0;
                default:
                    Console.Error.WriteLine("usage: ClubFinder.Api migrate | import <file> | import-places <file.csv|file.geojson>");
                    return 2;
            }
        }
        catch (ImportException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>Chooses the importer from the file's content: district polygons or clubs.</summary>
    public static async Task<ImportResult> ImportAsync(IServiceProvider services, string file)
    {
        if (!File.Exists(file)) throw new ImportException(file, ["file not found"]);
        var head = await ReadHeadAsync(file);
        if (head.Contains("\"FeatureCollection\"", StringComparison.Ordinal))
            return await services.GetRequiredService<DistrictImporter>().ImportAsync(file);
        if (head.Contains("\"clubs\"", StringComparison.Ordinal))
        {
            var result = await services.GetRequiredService<ClubImporter>().ImportAsync(file);
            await services.GetRequiredService<Gazetteer>().RebuildBaseAsync();
            return result;
        }
        throw new ImportException(file, ["unknown format: expected a GeoJSON FeatureCollection of districts or a clubs file ({\"clubs\": [...]})"]);
    }

    static async Task<string> ReadHeadAsync(string file)
    {
        var buffer = new char[4096];
        using var reader = new StreamReader(file);
        var read = await reader.ReadBlockAsync(buffer);
        return new string(buffer, 0, read);
    }
}
