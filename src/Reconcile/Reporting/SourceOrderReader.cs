using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Records;

namespace Reconcile.Reporting;

/// <summary>Reads orders from the records store through their canonical payloads.</summary>
public sealed class SourceOrderReader(ReconcileDbContext db)
{
    /// <summary>The system's orders created (createdAt, else updatedAt) in the period.</summary>
    public async Task<List<SourceOrder>> CreatedInAsync(string system, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        // createdAt is never after updatedAt, so the indexed updatedAt column narrows the read before the payloads are parsed.
        var from = period.From;
        var payloads = await db.Records.AsNoTracking()
            .Where(r => r.System == system && !r.Quarantined && r.Payload != null && r.OrderUpdatedAt >= from)
            .Select(r => r.Payload!)
            .ToListAsync(cancellationToken);
        return [.. payloads.Select(Parse).OfType<SourceOrder>().Where(o => period.Contains(o.CreatedAt))];
    }

    /// <summary>The system's copies of these orders, by order id (one per order; a duplicate keeps the first).</summary>
    public async Task<Dictionary<string, SourceOrder>> ByIdAsync(string system, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, SourceOrder>(StringComparer.Ordinal);
        foreach (var chunk in orderIds.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var payloads = await db.Records.AsNoTracking()
                .Where(r => r.System == system && !r.Quarantined && r.Payload != null && chunk.Contains(r.OrderId))
                .OrderBy(r => r.Id)
                .Select(r => r.Payload!)
                .ToListAsync(cancellationToken);
            foreach (var order in payloads.Select(Parse).OfType<SourceOrder>())
            {
                result.TryAdd(order.OrderId, order);
            }
        }

        return result;
    }

    public static SourceOrder? Parse(string payload)
    {
        try
        {
            var record = CanonicalJson.Deserialize(payload);
            var skus = record.Lines.Select(l => l.Sku).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToList();
            return new SourceOrder(record.OrderId, record.CreatedAt ?? record.UpdatedAt, record.Campaign, record.Region, skus, record.Total, record.Status, record.Currency);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
