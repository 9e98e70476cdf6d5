using System.Net.Http.Json;
using System.Text.Json;
using ClubFinder.Api.Clubs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>
/// The real app over a real PostGIS database, shared by the tests of one collection. The clock is
/// a FakeTimeProvider (set to a Tuesday morning in term time) so schedule answers are reproducible.
/// </summary>
public class ClubFinderApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 10, 10, 30, 0, TimeSpan.FromHours(1));

    TestDatabase? database;

    public FakeTimeProvider Clock { get; } = new(DefaultNow.ToUniversalTime());
    public string ConnectionString => database!.ConnectionString;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(GetType().Name.ToLowerInvariant());
        await StartAsync();
    }

    /// <summary>Starts the app: migrations and the seed import run here.</summary>
    protected virtual Task StartAsync()
    {
        _ = Server;
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ClubFinder", database!.ConnectionString);
        // Many tests sign in and read from the same test client; the limits themselves have their own tests.
        builder.UseSetting("Auth:SignInAttemptsPerMinute", "1000");
        builder.UseSetting("Limits:PublicRequestsPerMinute", "1000000");
        builder.UseSetting("Limits:ExpensiveRequestsPerMinute", "1000000");
        builder.UseSetting("Suggestions:PerClientPerHour", "1000000");
        // Keep-alive pings often, as a long-idle production listener would, so tests meet its effects.
        builder.UseSetting("Directory:KeepAlive", "00:00:00.2");
        // No safety-net reload in the middle of a test: the first one after an incremental update gives the
        // snapshot a new tag, so an ETag read a moment before would no longer match. Changes still arrive by
        // NOTIFY, which the tests wait for.
        builder.UseSetting("Directory:FullReloadInterval", "01:00:00");
        // Never the real OpenStreetMap service from a test: geocoder tests switch it on against a local fake.
        builder.UseSetting("Places:Nominatim:Enabled", "false");
        // EF logs the expected "no __EFMigrationsHistory yet" probe on a new database as an error.
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public ClubDirectory Directory => Services.GetRequiredService<ClubDirectory>();

    public async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Waits until the directory has picked up the database's latest changes.</summary>
    public Task WaitForReloadAsync(Func<DirectorySnapshot, bool> condition, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() => Task.FromResult(condition(Directory.Current)), "the club directory to reload", timeout);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
    }

    public async Task<T> GetJsonAsync<T>(string url)
    {
        var response = await CreateClient().GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }
}

[CollectionDefinition(Name)]
public class AppCollection : ICollectionFixture<ClubFinderApp>
{
    public const string Name = "app";
}
