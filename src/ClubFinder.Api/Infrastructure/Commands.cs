using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Api.Districts;
using ClubFinder.Api.Places;
using ClubFinder.Api.Admin;
using Microsoft.AspNetCore.Identity;

namespace ClubFinder.Api.Infrastructure;

/// <summary>The binary's command line: `migrate`, `import FILE`.</summary>
public static class Commands
{
    static readonly string[] Names = ["migrate", "import", "import-places", "users", "tokens", "backup", "restore"];

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
                case "import-places" when args.Length >= 2:
                    await services.MigrateAndSeedAsync();
                    await using (var scope = services.CreateAsyncScope())
                    {
                        var report = await scope.ServiceProvider.GetRequiredService<PlaceFileImporter>().ImportAsync(args[1..]);
                        Console.WriteLine($"{string.Join(", ", args[1..])}: {report}");
                    }
                    return 0;
                case "users" when args.Length > 1 && args[1] == "add":
                    await services.MigrateAndSeedAsync();
                    return await AddUserAsync(services, Options(args));
                case "tokens" when args.Length > 1 && args[1] == "create":
                    await services.MigrateAndSeedAsync();
                    return await CreateTokenAsync(services, Options(args));
                case "backup" when args.Length == 2:
                    await DatabaseBackup.BackupAsync(ConnectionString(services), args[1]);
                    Console.WriteLine($"Backed up to {Path.GetFullPath(args[1])}.");
                    return 0;
                case "restore" when args.Length == 2 || (args.Length == 3 && args[2] == "--replace"):
                    await DatabaseBackup.RestoreAsync(ConnectionString(services), args[1], replace: args.Length == 3);
                    Console.WriteLine($"Restored {args[1]}. Restart running instances (or let them reload) to serve it.");
                    return 0;
                default:
                    Console.Error.WriteLine("""
                        usage: ClubFinder.Api migrate
                               ClubFinder.Api import <clubs.json|districts.geojson>
                               ClubFinder.Api import-places <addresses.csv|addresses.geojson>
                               ClubFinder.Api import-places <stops.txt> [<stops.txt> ...]               (a GTFS feed's stops replace the old ones)
                               ClubFinder.Api users add --email E --role Admin|Operator [--org SLUG]   (password on standard input)
                               ClubFinder.Api tokens create --email E --name N                         (prints the token once)
                               ClubFinder.Api backup FILE                                               (pg_dump -Fc of the whole database)
                               ClubFinder.Api restore FILE [--replace]                                  (into an empty database, or replacing everything)
                        """);
                    return 2;
            }
        }
        catch (Exception e) when (e is ImportException or BackupException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseExtensions.ConnectionName) is { Length: > 0 } value
            ? value
            : throw new BackupException($"No database configured: set ConnectionStrings__{DatabaseExtensions.ConnectionName}, or use ./run.sh backup|restore FILE.");

    static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 2; i + 1 < args.Length; i += 2)
            if (args[i].StartsWith("--", StringComparison.Ordinal)) options[args[i][2..]] = args[i + 1];
        return options;
    }

    static async Task<int> AddUserAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubFinderDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        // The password comes from standard input so it never lands in shell history or the process list.
        var password = Console.IsInputRedirected ? Console.In.ReadLine()?.TrimEnd('\r', '\n') : ReadHidden("Password: ");
        var (user, errors) = await UserCommands.CreateAsync(db, users, options.GetValueOrDefault("email"), options.GetValueOrDefault("role"),
            options.GetValueOrDefault("org"), string.IsNullOrEmpty(password) ? "" : password);
        if (user is null)
        {
            foreach (var (field, messages) in errors) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
            return 1;
        }
        Console.WriteLine($"Created {options["role"]} {user.Email}.");
        return 0;
    }

    static async Task<int> CreateTokenAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = options.TryGetValue("email", out var email) ? await users.FindByEmailAsync(email) : null;
        if (user is null || !options.TryGetValue("name", out var name) || string.IsNullOrWhiteSpace(name))
        {
            Console.Error.WriteLine("tokens create needs --email of an existing account and --name.");
            return 1;
        }
        var (_, secret) = await TokenCommands.CreateAsync(scope.ServiceProvider.GetRequiredService<ClubFinderDb>(), user.Id, name,
            scope.ServiceProvider.GetRequiredService<TimeProvider>());
        Console.WriteLine(secret);
        return 0;
    }

    static string ReadHidden(string prompt)
    {
        Console.Write(prompt);
        var text = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
            if (key.Key == ConsoleKey.Backspace && text.Length > 0) text.Length--;
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        Console.WriteLine();
        return text.ToString();
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
