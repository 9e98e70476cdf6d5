using ClubFinder.Api.Admin;
using ClubFinder.Api.Auth;
using ClubFinder.Api.Clubs;
using ClubFinder.Api.Data;
using ClubFinder.Api.Districts;
using ClubFinder.Api.Places;
using Microsoft.AspNetCore.Identity;

namespace ClubFinder.Api.Infrastructure;

/// <summary>The binary's command line: `migrate`, `import FILE`, `users add`, `tokens create`, `--help`.</summary>
public static class Commands
{
    static readonly string[] Names = ["migrate", "import", "import-places", "import-population", "users", "tokens", "backup", "restore"];
    static readonly string[] Help = ["--help", "-h", "-?", "help"];

    const string Usage = """
        usage: ClubFinder.Api                    serves the web app (options such as --urls http://localhost:8080 are configuration)
               ClubFinder.Api migrate
               ClubFinder.Api import <clubs.json|districts.geojson>
               ClubFinder.Api import-places <addresses.csv|addresses.geojson>
               ClubFinder.Api import-places <stops.txt> [<stops.txt> ...]               (a GTFS feed's stops replace the old ones)
               ClubFinder.Api import-population <residents.csv> [--source TEXT]       (residents per district; see README "Coverage")
               ClubFinder.Api users add --email E --role Admin|Operator [--org SLUG]   (password on standard input)
               ClubFinder.Api tokens create --email E --name N [--days 365]            (prints the token once)
               ClubFinder.Api backup FILE                                               (pg_dump -Fc of the whole database)
               ClubFinder.Api restore FILE [--replace]                                  (into an empty database, or replacing everything)
        The database is ConnectionStrings__ClubFinder; ./run.sh <command> starts a local one.
        """;

    /// <summary>
    /// Anything but configuration (`--key value`, `key=value`) is a command, so a typo or `--help`
    /// prints the usage instead of quietly starting the web server.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Names.Contains(args[0]) || Help.Contains(args[0]) || !(args[0].StartsWith('-') || args[0].Contains('=')));

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (Help.Contains(args[0]))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        if (!IsComplete(args))
        {
            Console.Error.WriteLine(Names.Contains(args[0]) ? $"Incomplete command '{string.Join(' ', args)}'." : $"Unknown command '{args[0]}'.");
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseExtensions.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine($"No database configured: set ConnectionStrings__{DatabaseExtensions.ConnectionName}=\"Host=…;Database=…;Username=…;Password=…\" "
                + $"or run the command through ./run.sh (./run.sh {args[0]} …), which starts a local PostgreSQL.");
            return 1;
        }
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
                case "import-population" when args.Length == 2 || (args.Length == 4 && args[2] == "--source"):
                    await services.MigrateAndSeedAsync();
                    await using (var scope = services.CreateAsyncScope())
                    {
                        var result = await scope.ServiceProvider.GetRequiredService<Coverage.PopulationImporter>()
                            .ImportAsync(args[1], args.Length == 4 ? args[3] : null);
                        Console.WriteLine($"{args[1]}: {result}");
                    }
                    return 0;
                case "users" when args.Length > 1 && args[1] == "add":
                    await services.MigrateAndSeedAsync();
                    return await AddUserAsync(services, Options(args));
                case "tokens" when args.Length > 1 && args[1] == "create":
                    await services.MigrateAndSeedAsync();
                    return await CreateTokenAsync(services, Options(args));
                case "backup" when args.Length == 2:
                    await DatabaseBackup.BackupAsync(connectionString, args[1]);
                    Console.WriteLine($"Backed up to {Path.GetFullPath(args[1])}.");
                    return 0;
                case "restore" when args.Length == 2 || (args.Length == 3 && args[2] == "--replace"):
                    await DatabaseBackup.RestoreAsync(connectionString, args[1], replace: args.Length == 3);
                    Console.WriteLine($"Restored {args[1]}. Restart running instances (or let them reload) to serve it.");
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is ImportException or BackupException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (DatabaseUnavailableHandler.IsDatabaseUnavailable(e))
        {
            var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            Console.Error.WriteLine($"Cannot reach the database {database.Database} at {database.Host}:{database.Port}: {e.GetBaseException().Message}");
            return 1;
        }
    }

    static bool IsComplete(string[] args) => args switch
    {
        ["migrate"] or ["import", _] or ["import-population", _] or ["import-population", _, "--source", _] or ["import-places", _, ..] or ["users", "add", ..] or ["tokens", "create", ..] => true,
        ["backup", _] or ["restore", _] or ["restore", _, "--replace"] => true,
        _ => false,
    };

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
        var days = TokenCommands.DefaultLifetimeDays;
        if (options.TryGetValue("days", out var rawDays)
            && (!int.TryParse(rawDays, out days) || days < 1 || days > TokenCommands.MaxLifetimeDays))
        {
            Console.Error.WriteLine($"--days must be a whole number from 1 to {TokenCommands.MaxLifetimeDays}.");
            return 1;
        }
        var (token, secret) = await TokenCommands.CreateAsync(scope.ServiceProvider.GetRequiredService<ClubFinderDb>(), user.Id, name,
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), TimeSpan.FromDays(days));
        Console.WriteLine(secret);
        Console.Error.WriteLine($"The token works until {token.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
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
