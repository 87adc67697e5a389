using Reconcile.Engine.Records;

namespace Reconcile.Reconciliation;

/// <summary>The records of a set of orders across a flow's systems, as the engine reads them.</summary>
public sealed class RecordSnapshot
{
    private readonly Dictionary<(string System, string OrderId), List<StoredRecord>> _records;

    private RecordSnapshot(HashSet<string> orderIds, Dictionary<(string, string), List<StoredRecord>> records)
    {
        OrderIds = orderIds;
        _records = records;
    }

    public IReadOnlyCollection<string> OrderIds { get; }

    public IReadOnlyList<StoredRecord> Get(string system, string orderId) =>
        _records.TryGetValue((system, orderId), out var list) ? list : [];

    public static RecordSnapshot Build(IReadOnlyList<StoredRecord> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var records = new Dictionary<(string, string), List<StoredRecord>>(rows.Count);
        var orderIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in rows)
        {
            orderIds.Add(record.OrderId);
            if (!records.TryGetValue((record.System, record.OrderId), out var list))
            {
                list = new List<StoredRecord>(1);
                records[(record.System, record.OrderId)] = list;
            }

            list.Add(record);
        }

        return new RecordSnapshot(orderIds, records);
    }
}
