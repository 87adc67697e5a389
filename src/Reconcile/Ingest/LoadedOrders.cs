using Microsoft.EntityFrameworkCore;
using Reconcile.Data;

namespace Reconcile.Ingest;

/// <summary>
/// What one bulk load has stored, for the systems that held no records when it first stored one of theirs: of a
/// batch's orders, only those it may have stored itself can already be there, so only those are looked up
/// (<see cref="OrderIdFilter"/>: an order it stored is never missed, one in a hundred it did not is looked up anyway).
/// A load into an empty store then reads next to nothing back. A record another writer stores meanwhile under the same
/// key is not looked up; the records' unique key refuses the load's copy, and <see cref="RecordStore"/> retries the
/// batch, whose orders the failed attempt counted as stored: the retry looks them up.
/// </summary>
/// <param name="capacity">About how many orders the load stores per system (it sizes each system's filter).</param>
internal sealed class LoadedOrders(long capacity)
{
    // Null for a system that held records before the load: every order of it is looked up.
    private readonly Dictionary<string, OrderIdFilter?> _bySystem = new(StringComparer.Ordinal);

    /// <summary>
    /// Of <paramref name="orderIds"/> (distinct) of one batch for <paramref name="system"/>, those that may already be
    /// stored (all of them for a system that held records before the load); all of them then count as stored.
    /// </summary>
    public async Task<List<string>> ToLookUpAsync(ReconcileDbContext db, string system, List<string> orderIds, CancellationToken cancellationToken)
    {
        if (!_bySystem.TryGetValue(system, out var filter))
        {
            filter = await db.Records.AnyAsync(r => r.System == system, cancellationToken) ? null : new OrderIdFilter(capacity);
            _bySystem[system] = filter;
        }

        if (filter is null)
        {
            return orderIds;
        }

        var lookUp = orderIds.Where(filter.MayContain).ToList();
        foreach (var orderId in orderIds)
        {
            filter.Add(orderId);
        }

        return lookUp;
    }
}
