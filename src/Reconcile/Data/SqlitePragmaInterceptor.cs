using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reconcile.Data;

/// <summary>Every SQLite connection waits for a busy writer instead of failing at once.</summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>How long a connection waits for the writer before SQLite answers "database is locked".</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
