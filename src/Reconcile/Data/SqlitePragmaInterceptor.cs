using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reconcile.Data;

/// <summary>
/// Every SQLite connection waits for a busy writer instead of failing at once, commits without a sync per transaction
/// (WAL's <c>synchronous = NORMAL</c>), and truncates a WAL file that grew past <see cref="WalSizeLimitBytes"/> when it
/// next writes it from its start (<c>journal_size_limit</c>): otherwise a WAL grown by a bulk load (0.8 GB at a million
/// orders) keeps its size on disk until the last connection closes. Set once per physical connection: the pool hands
/// the same one out again, and EF opens it for every query, so setting them on every open cost each webhook several
/// statements.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>How long a connection waits for the writer before SQLite answers "database is locked".</summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>The size, in bytes, a WAL file is truncated to when it is written from its start again.</summary>
    public const long WalSizeLimitBytes = 64L * 1024 * 1024;

    private static readonly string Pragmas = FormattableString.Invariant(
        $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = {WalSizeLimitBytes};");

    // Keyed by the native handle, which lives as long as the physical connection and no longer.
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
}
