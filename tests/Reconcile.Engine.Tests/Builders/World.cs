using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Records;
using Reconcile.Engine.Reference;
using Reconcile.Engine.Simulation;

namespace Reconcile.Engine.Tests.Builders;

/// <summary>
/// Shop, CRM and billing copies of orders for one reconcile call. Records arrive an hour before
/// <see cref="Orders.Now"/> unless told otherwise; the lag window runs from each record's own
/// <c>UpdatedAt</c> (two hours before <see cref="Orders.Now"/> in <see cref="Orders.Default"/>).
/// </summary>
public sealed class World
{
    private readonly FlowSnapshot _snapshot = new();

    public static FlowDefinition Flow { get; } = SimulatedFlow.PromoToBilling;

    /// <summary>One order present and identical in all three systems.</summary>
    public static World InSync(OrderRecord? order = null)
    {
        var record = order ?? Orders.Default;
        return new World().With("shop", record).With("crm", record).With("billing", record);
    }

    public FlowSnapshot Snapshot => _snapshot;

    /// <param name="received">How long before <see cref="Orders.Now"/> Reconcile received the copy.</param>
    public World With(string system, OrderRecord record, TimeSpan? received = null)
    {
        _snapshot.Add(new StoredRecord
        {
            System = system,
            OrderId = record.OrderId,
            ExternalId = record.ExternalId,
            Record = record,
            ReceivedAt = Orders.Now - (received ?? TimeSpan.FromHours(1)),
            RawPayload = CanonicalJson.Serialize(record),
        });
        return this;
    }

    public World Quarantined(string system, string orderId, string reason)
    {
        _snapshot.Add(new StoredRecord
        {
            System = system,
            OrderId = orderId,
            ReceivedAt = Orders.Now - TimeSpan.FromHours(1),
            Quarantined = true,
            QuarantineReason = reason,
            RawPayload = "{\"orderId\":\"" + orderId + "\"}",
        });
        return this;
    }

    public ReconcileResult Run(FlowDefinition? flow = null, ReferenceData? reference = null) =>
        Reconciler.Reconcile(flow ?? Flow, _snapshot, reference ?? ReferenceData.Empty, Orders.Now);

    public IReadOnlyList<Finding> Findings(FlowDefinition? flow = null, ReferenceData? reference = null) =>
        Run(flow, reference).Findings;
}
