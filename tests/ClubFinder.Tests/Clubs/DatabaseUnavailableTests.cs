using ClubFinder.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClubFinder.Tests.Clubs;

public class DatabaseUnavailableTests
{
    static PostgresException Postgres(string sqlState) => new("message", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("55000")] // database not accepting connections
    [InlineData("57P01")] // terminated by the administrator
    [InlineData("57P03")] // starting up
    [InlineData("53300")] // too many connections
    [InlineData("08006")] // connection failure
    public void AnOutageIsRecognisedEvenWhenWrapped(string sqlState)
    {
        Assert.True(DatabaseUnavailableHandler.IsDatabaseUnavailable(Postgres(sqlState)));
        Assert.True(DatabaseUnavailableHandler.IsDatabaseUnavailable(new DbUpdateException("save failed", Postgres(sqlState))));
        Assert.True(DatabaseUnavailableHandler.IsDatabaseUnavailable(new InvalidOperationException("transient", new NpgsqlException("reset", new TimeoutException()))));
    }

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table
    [InlineData("22P02")] // invalid text representation
    public void AFailingStatementIsNotAnOutage(string sqlState)
    {
        Assert.False(DatabaseUnavailableHandler.IsDatabaseUnavailable(new DbUpdateException("save failed", Postgres(sqlState))));
        Assert.False(DatabaseUnavailableHandler.IsDatabaseUnavailable(new InvalidOperationException("a bug")));
    }
}
