using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Records;

namespace Reconcile.Reconciliation;

/// <summary>
/// Loads what a run examines: every record of the flow's systems (full), or only the orders that
/// changed since the watermark (incremental), so a run costs what changed, not what is stored.
/// </summary>
public sealed class RecordSnapshotLoader(ReconcileDbContext db)
{
    private const int Chunk = 500;

    public sealed record Snapshot(IReadOnlyCollection<string> OrderIds, Dictionary<(string System, string OrderId), List<StoredRecord>> Records)
    {
        public IReadOnlyList<StoredRecord> Get(string system, string orderId) =>
            Records.TryGetValue((system, orderId), out var list) ? list : [];
    }

    private sealed record Row(string System, string OrderId, string ExternalId, string? Payload, string RawPayload, DateTimeOffset ReceivedAt, bool Quarantined, string? QuarantineReason);

    public async Task<Snapshot> LoadAsync(IReadOnlyList<string> systems, DateTimeOffset? changedSince, CancellationToken cancellationToken)
    {
        var query = db.Records.AsNoTracking().Where(r => systems.Contains(r.System));
        if (changedSince is null)
        {
            return Build(await Project(query).ToListAsync(cancellationToken));
        }

        var since = changedSince.Value;
        var changed = await query.Where(r => r.ReceivedAt > since).Select(r => r.OrderId).Distinct().ToListAsync(cancellationToken);
        var rows = new List<Row>();
        foreach (var chunk in changed.Chunk(Chunk))
        {
            rows.AddRange(await Project(query.Where(r => chunk.Contains(r.OrderId))).ToListAsync(cancellationToken));
        }

        return Build(rows);
    }

    private static IQueryable<Row> Project(IQueryable<Data.Entities.RecordEntity> query) =>
        query.Select(r => new Row(r.System, r.OrderId, r.ExternalId, r.Payload, r.Quarantined ? r.RawPayload : "", r.ReceivedAt, r.Quarantined, r.QuarantineReason));

    private static Snapshot Build(List<Row> rows)
    {
        var records = new Dictionary<(string, string), List<StoredRecord>>(rows.Count);
        var orderIds = new HashSet<string>(StringComparer.Ordinal);
        var parsed = new StoredRecord[rows.Count];
        Parallel.For(0, rows.Count, i => parsed[i] = ToStored(rows[i]));
        foreach (var record in parsed)
        {
            orderIds.Add(record.OrderId);
            if (!records.TryGetValue((record.System, record.OrderId), out var list))
            {
                list = new List<StoredRecord>(1);
                records[(record.System, record.OrderId)] = list;
            }

            list.Add(record);
        }

        return new Snapshot(orderIds, records);
    }

    private static StoredRecord ToStored(Row row) => new()
    {
        System = row.System,
        OrderId = row.OrderId,
        ExternalId = row.ExternalId.Length == 0 ? null : row.ExternalId,
        Record = row.Quarantined || row.Payload is null ? null : CanonicalJson.Deserialize(row.Payload),
        ReceivedAt = row.ReceivedAt,
        Quarantined = row.Quarantined,
        QuarantineReason = row.QuarantineReason,
        RawPayload = row.RawPayload,
    };
}
