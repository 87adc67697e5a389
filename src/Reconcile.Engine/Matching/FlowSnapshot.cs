using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>An in-memory view of every system's records for one run: system → orderId → records.</summary>
public sealed class FlowSnapshot
{
    private readonly Dictionary<string, Dictionary<string, List<StoredRecord>>> _bySystem =
        new(StringComparer.Ordinal);

    private readonly HashSet<string> _orderIds = new(StringComparer.Ordinal);

    /// <summary>Every order id seen in any system, so orphans are examined too.</summary>
    public IReadOnlyCollection<string> OrderIds => _orderIds;

    public void Add(StoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_bySystem.TryGetValue(record.System, out var orders))
        {
            orders = new Dictionary<string, List<StoredRecord>>(StringComparer.Ordinal);
            _bySystem[record.System] = orders;
        }

        if (!orders.TryGetValue(record.OrderId, out var records))
        {
            records = new List<StoredRecord>(1);
            orders[record.OrderId] = records;
        }

        records.Add(record);
        _orderIds.Add(record.OrderId);
    }

    public IReadOnlyList<StoredRecord> Get(string system, string orderId) =>
        _bySystem.TryGetValue(system, out var orders) && orders.TryGetValue(orderId, out var records)
            ? records
            : [];
}
