using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Reconcile.Data.Entities;

namespace Reconcile.Auditing;

/// <summary>
/// On every save that adds audit events: open a transaction if the caller has none, take the chain
/// lock, read the chain head inside it, and give each new event its id, previous hash and hash.
/// </summary>
public sealed class AuditChainInterceptor(AuditChainLock chainLock) : SaveChangesInterceptor
{
    private const long AdvisoryLockKey = 0x5245_434F_4E43; // "RECONC"
    private readonly ConditionalWeakTable<DbContext, object> _ownTransactions = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && NewEvents(context) is { Count: > 0 } added)
        {
            try
            {
                // The transaction first, then the chain lock: the order every explicit transaction takes them in, so a
                // save without one never holds the chain while it waits for the database's single writer (SQLite).
                if (context.Database.CurrentTransaction is null)
                {
                    await context.Database.BeginTransactionAsync(cancellationToken);
                    _ownTransactions.Add(context, new object());
                }

                await chainLock.AcquireAsync(context, cancellationToken);
                var (lastId, lastHash) = await ReadHeadAsync(context.Database.GetDbConnection(), context.Database.CurrentTransaction!.GetDbTransaction(), cancellationToken);
                Chain(added, lastId, lastHash);
            }
            catch
            {
                // EF does not call SaveChangesFailed for a throw from here: undo and release now.
                await AbandonAsync(context);
                throw;
            }
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && NewEvents(context) is { Count: > 0 } added)
        {
            try
            {
                if (context.Database.CurrentTransaction is null)
                {
                    context.Database.BeginTransaction();
                    _ownTransactions.Add(context, new object());
                }

                chainLock.Acquire(context);
                var (lastId, lastHash) = ReadHeadAsync(context.Database.GetDbConnection(), context.Database.CurrentTransaction!.GetDbTransaction(), default).GetAwaiter().GetResult();
                Chain(added, lastId, lastHash);
            }
            catch
            {
                AbandonAsync(context).GetAwaiter().GetResult();
                throw;
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && _ownTransactions.Remove(context))
        {
            await context.Database.CommitTransactionAsync(cancellationToken);
            chainLock.Release(context);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && _ownTransactions.Remove(context))
        {
            context.Database.CommitTransaction();
            chainLock.Release(context);
        }

        return result;
    }

    /// <summary>
    /// A failed save is rolled back to EF's savepoint, so it left no event to chain from: the lock goes
    /// now even inside the caller's transaction (which must then roll back, not commit).
    /// </summary>
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData?.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) =>
        AbandonAsync(eventData?.Context).GetAwaiter().GetResult();

    /// <summary>Rolls back the transaction this interceptor opened, if any, and releases the chain lock.</summary>
    private async Task AbandonAsync(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        if (_ownTransactions.Remove(context))
        {
            await context.Database.RollbackTransactionAsync(CancellationToken.None);
        }

        chainLock.Release(context);
    }

    private static List<AuditEventEntity> NewEvents(DbContext context) =>
        context.ChangeTracker.Entries<AuditEventEntity>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    /// <summary>Gives each event, in order, the next id, the previous event's hash and its own hash.</summary>
    internal static void Chain(IReadOnlyList<AuditEventEntity> added, long lastId, string lastHash)
    {
        foreach (var audit in added)
        {
            audit.Id = ++lastId;
            audit.PrevHash = lastHash;
            audit.Hash = AuditHasher.Compute(audit, lastHash);
            lastHash = audit.Hash;
        }
    }

    /// <summary>The chain's last id and hash, inside <paramref name="transaction"/>; on PostgreSQL after taking the cross-replica advisory lock.</summary>
    internal static async Task<(long Id, string Hash)> ReadHeadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (connection.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal))
        {
            // Replicas share PostgreSQL: a transaction-scoped advisory lock serializes appends across processes too.
            await using var lockCommand = connection.CreateCommand();
            lockCommand.Transaction = transaction;
            lockCommand.CommandText = $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})";
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT \"Id\", \"Hash\" FROM audit_events ORDER BY \"Id\" DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditHasher.Genesis);
    }
}
