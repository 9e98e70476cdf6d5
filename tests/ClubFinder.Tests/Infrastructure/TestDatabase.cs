using Npgsql;
using Testcontainers.PostgreSql;

namespace ClubFinder.Tests.Infrastructure;

/// <summary>
/// A fresh PostGIS database for one test run: a new database on the server named by
/// CLUBFINDER_TEST_DB (started by ./test.sh), or a Testcontainers PostGIS when Docker answers.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    PostgreSqlContainer? container;
    string? adminConnectionString;

    public string ConnectionString { get; private set; } = "";
    public string Name { get; private set; } = "";

    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        var database = new TestDatabase();
        await database.StartAsync(purpose);
        return database;
    }

    async Task StartAsync(string purpose)
    {
        Name = $"clubfinder_test_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        var server = Environment.GetEnvironmentVariable("CLUBFINDER_TEST_DB");
        if (string.IsNullOrWhiteSpace(server))
        {
            try
            {
                container = new PostgreSqlBuilder("postgis/postgis:17-3.5").Build();
                await container.StartAsync();
            }
            catch (Exception e) when (e.GetType().Name == "DockerUnavailableException")
            {
                throw new InvalidOperationException(
                    "No database for the tests: run ./test.sh (it starts a local PostgreSQL + PostGIS), or set CLUBFINDER_TEST_DB to a PostgreSQL server's connection string.", e);
            }
            server = container.GetConnectionString();
        }
        adminConnectionString = server;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (container is not null)
        {
            await container.DisposeAsync();
            return;
        }
        if (adminConnectionString is null) return;
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
