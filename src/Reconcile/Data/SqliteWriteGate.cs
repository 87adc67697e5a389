using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reconcile.Data;

/// <summary>
/// Lets one SQLite write transaction at a time in this process begin, and makes the others wait asynchronously.
/// SQLite allows one writer per file (every transaction Microsoft.Data.Sqlite begins is BEGIN IMMEDIATE); without
/// this gate the rest wait inside sqlite3_step, each blocking a thread-pool thread in the busy handler's sleeps
/// (1 ms up to 100 ms), so a burst of webhooks or clicks during a run starved the pool and answers took seconds.
/// A unit of work (its DbContext) holds the gate from its transaction's start until it commits, rolls back or fails, or its connection closes.
/// Waiting is bounded by the busy timeout: after it the transaction begins anyway and SQLite decides, as before,
/// so a unit of work that waits on another lock while holding the gate can never hang the others for good.
/// </summary>
internal sealed partial class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor, IDisposable
{
    /// <summary>The same bound as the connections' <c>PRAGMA busy_timeout</c> (<see cref="SqlitePragmaInterceptor"/>).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(SqlitePragmaInterceptor.BusyTimeoutMilliseconds);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private static readonly object ByTransaction = new();
    private static readonly object ByCommand = new();
    private readonly ConditionalWeakTable<DbContext, object> _holders = [];

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (eventData?.Context is { } context && !_holders.TryGetValue(context, out _) && _gate.Wait(MaxWait))
        {
            _holders.Add(context, ByTransaction);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData?.Context is { } context && !_holders.TryGetValue(context, out _) && await _gate.WaitAsync(MaxWait, cancellationToken))
        {
            _holders.Add(context, ByTransaction);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData?.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData?.Context);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData?.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData?.Context);

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData?.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Release(eventData?.Context);

    /// <summary>A transaction disposed without commit or rollback (an exception on the way) ends when its connection closes.</summary>
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Release(eventData?.Context);
        return result;
    }

    public async ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        await Release(eventData?.Context);
        return result;
    }

    public void Dispose() => _gate.Dispose();

    private Task Release(DbContext? context)
    {
        if (context is not null && _holders.Remove(context))
        {
            _gate.Release();
        }

        return Task.CompletedTask;
    }
}
