using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Reporting;

/// <summary>
/// Records saved through the change tracker (rather than a bulk store, which refreshes its own batch) refresh their
/// orders' lag rows once the save succeeded: added or removed copies, and changes to what the lag reads.
/// </summary>
public sealed class OrderLagInterceptor(OrderLagMaintainer lags) : SaveChangesInterceptor
{
    private static readonly string[] LagInputs =
    [
        nameof(RecordEntity.System), nameof(RecordEntity.OrderId), nameof(RecordEntity.Quarantined), nameof(RecordEntity.ReceivedAt),
        nameof(RecordEntity.Payload), nameof(RecordEntity.OrderUpdatedAt), nameof(RecordEntity.Compact), nameof(RecordEntity.Total), nameof(RecordEntity.Currency),
    ];

    private readonly ConditionalWeakTable<DbContext, HashSet<(string System, string OrderId)>> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is ReconcileDbContext db && _pending.TryGetValue(db, out var keys))
        {
            _pending.Remove(db);
            foreach (var group in keys.GroupBy(k => k.System, StringComparer.Ordinal))
            {
                await lags.RefreshAsync(db, group.Key, [.. group.Select(k => k.OrderId)], cancellationToken);
            }
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            _pending.Remove(context);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Collect(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not ReconcileDbContext db || lags.IsDeferred(db))
        {
            return;
        }

        var keys = _pending.GetOrCreateValue(db);
        foreach (var entry in db.ChangeTracker.Entries<RecordEntity>())
        {
            if (entry.State is EntityState.Added or EntityState.Deleted || (entry.State == EntityState.Modified && Changed(entry)))
            {
                keys.Add((entry.Entity.System, entry.Entity.OrderId));
                if (entry.State == EntityState.Modified)
                {
                    keys.Add(((string)entry.Property(nameof(RecordEntity.System)).OriginalValue!, (string)entry.Property(nameof(RecordEntity.OrderId)).OriginalValue!));
                }
            }
        }

        if (keys.Count == 0)
        {
            _pending.Remove(db);
        }
    }

    private static bool Changed(EntityEntry<RecordEntity> entry) => LagInputs.Any(name => entry.Property(name).IsModified);
}
