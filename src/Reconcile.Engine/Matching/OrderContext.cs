using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;
using Reconcile.Engine.Reference;

namespace Reconcile.Engine.Matching;

/// <summary>
/// The state of one order across the flow's systems while it is checked. One instance is reused
/// for every order of a run, so the hot loop allocates only for findings.
/// </summary>
internal sealed class OrderContext
{
    public OrderContext(CompiledFlow flow, ReferenceData reference, DateTimeOffset now, List<Finding> findings)
    {
        Flow = flow;
        Reference = reference;
        Now = now;
        Findings = findings;
        Current = new StoredRecord?[flow.Systems.Length];
        Blocked = new bool[flow.Systems.Length];
        Factory = new FindingFactory(this);
    }

    public CompiledFlow Flow { get; }

    public ReferenceData Reference { get; }

    public DateTimeOffset Now { get; }

    public List<Finding> Findings { get; }

    public FindingFactory Factory { get; }

    public string OrderId { get; private set; } = string.Empty;

    /// <summary>The record each system holds for the order, null when absent or quarantined.</summary>
    public StoredRecord?[] Current { get; }

    /// <summary>True when the system's copy was quarantined: already reported as schema drift.</summary>
    public bool[] Blocked { get; }

    public StoredRecord? Source => Current[0];

    /// <summary>The money tolerance in the order's currency (the source's, else any copy's).</summary>
    public decimal Tolerance { get; private set; }

    public void Reset(string orderId)
    {
        OrderId = orderId;
        Array.Clear(Current);
        Array.Clear(Blocked);
    }

    /// <summary>Call once every system's copy is selected: fixes the order's currency tolerance.</summary>
    public void Selected()
    {
        string? currency = null;
        for (var s = 0; s < Current.Length && currency is null; s++)
        {
            currency = Current[s]?.Record?.Currency;
        }

        Tolerance = Flow.Definition.ToleranceFor(currency);
    }

    /// <summary>Inside the lag window, measured on the order's own time (<see cref="OrderClock"/>).</summary>
    public bool IsPending() => OrderClock.IsPending(OrderClock.Of(Current, Blocked[0]), Flow.Definition.LagWindow, Now);

    /// <summary>The order's total as the source sees it, else as the given record does.</summary>
    public decimal OrderTotal(StoredRecord? fallback) =>
        Source?.Record?.Total ?? fallback?.Record?.Total ?? 0m;

    public void Add(Finding finding) => Findings.Add(finding);
}
