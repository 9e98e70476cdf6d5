using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace ClubFinder.Api.Infrastructure;

/// <summary>
/// While PostgreSQL is away, whatever needs it (writes, sign-in, place search) answers an honest
/// 503 with Retry-After instead of a 500; public reads go on from memory meanwhile.
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!IsDatabaseUnavailable(exception)) return false;
        logger.LogWarning("{Method} {Path}: the database is unavailable ({Error}); answered 503",
            http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = Problems.TitleFor(503) },
        });
    }

    /// <summary>A connection that cannot be opened or was lost, or a server refusing work for now; not a failing statement.</summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) // too many connections, out of memory or disk
                        || postgres.SqlState is "57P01" or "57P02" or "57P03" // shutting down, crashed, starting up
                            or "3D000" // the database does not exist (yet)
                            or "55000"; // "database … is not currently accepting connections" (ALLOW_CONNECTIONS false)
                case NpgsqlException: // refused, reset or timed-out connections: the server never answered
                case SocketException:
                case TimeoutException:
                    return true;
            }
        return false;
    }
}
