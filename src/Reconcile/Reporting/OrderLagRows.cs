using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Reporting;

/// <summary>
/// The lag arithmetic, in one place for rebuilding a flow and refreshing some of its orders: per order, which targets
/// hold a copy that is not quarantined and when the last of them received it; per source copy, created → that time.
/// </summary>
internal sealed class OrderLagRows
{
    private readonly Dictionary<string, int> _bits;
    private readonly int _all;
    private readonly Dictionary<string, (int Targets, DateTimeOffset Last)> _receipts = new(StringComparer.Ordinal);

    public OrderLagRows(string flow, FlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Flow = flow;
        _bits = options.Targets.Distinct(StringComparer.Ordinal).Select((t, i) => (t, i)).ToDictionary(x => x.t, x => 1 << x.i, StringComparer.Ordinal);
        _all = (1 << _bits.Count) - 1;
    }

    public string Flow { get; }

    /// <summary>The flow's distinct targets.</summary>
    public string[] Targets => [.. _bits.Keys];

    /// <summary>Whether <paramref name="system"/> is one of the flow's targets.</summary>
    public bool IsTarget(string system) => _bits.ContainsKey(system);

    /// <summary>A target's copy (not quarantined) of the order, received at that time.</summary>
    public void Receive(string system, string orderId, DateTimeOffset receivedAt)
    {
        var bit = _bits[system];
        _receipts[orderId] = _receipts.TryGetValue(orderId, out var seen)
            ? (seen.Targets | bit, receivedAt > seen.Last ? receivedAt : seen.Last)
            : (bit, receivedAt);
    }

    /// <summary>
    /// The row of one source copy (read with <see cref="SourceOrderReader.CreatedAtOf"/>): null when the copy does not read
    /// as a record or has no updatedAt, as the figures never counted such a copy.
    /// </summary>
    public OrderLagEntity? Row(string orderId, DateTimeOffset? updatedAt, DateTimeOffset? createdAt)
    {
        if (updatedAt is not { } updated || createdAt is not { } created)
        {
            return null;
        }

        long? lag = null;
        if (_receipts.TryGetValue(orderId, out var seen) && seen.Targets == _all)
        {
            var confirmed = seen.Last - created;
            lag = confirmed < TimeSpan.Zero ? 0 : confirmed.Ticks;
        }

        return new OrderLagEntity
        {
            Flow = Flow, OrderId = orderId, CreatedAt = created.ToUniversalTime(), UpdatedAt = updated.ToUniversalTime(), LagTicks = lag,
        };
    }
}
