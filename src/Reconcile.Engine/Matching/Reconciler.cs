using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Records;
using Reconcile.Engine.Reference;

namespace Reconcile.Engine.Matching;

/// <summary>Matches each order across the flow's systems and runs every finding check except stale_source.</summary>
public static class Reconciler
{
    /// <summary>Reconciles every order id the snapshot holds in any system.</summary>
    public static ReconcileResult Reconcile(
        FlowDefinition flow, FlowSnapshot snapshot, ReferenceData reference, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Reconcile(flow, snapshot.OrderIds, snapshot.Get, reference, now);
    }

    /// <summary>
    /// Reconciles <paramref name="orderIds"/> (pass the changed orders plus any target-only ids,
    /// so cost grows with change, not history). <paramref name="lookup"/> returns a system's
    /// records for an order: usually one, several when duplicated, quarantined ones included.
    /// </summary>
    public static ReconcileResult Reconcile(
        FlowDefinition flow,
        IReadOnlyCollection<string> orderIds,
        Func<string, string, IReadOnlyList<StoredRecord>> lookup,
        ReferenceData reference,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(orderIds);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(reference);

        var compiled = new CompiledFlow(flow);
        var findings = new List<Finding>();
        var context = new OrderContext(compiled, reference, now, findings);
        var (compared, matched) = (0, 0);
        var pending = new List<string>();
        foreach (var orderId in orderIds)
        {
            var before = findings.Count;
            if (CheckOrder(context, orderId, lookup))
            {
                compared++;
                matched += findings.Count == before ? 1 : 0;
            }
            else
            {
                pending.Add(orderId);
            }

            if (findings.Count - before > 1)
            {
                ShareFailedChecks(findings, before);
            }
        }

        return new ReconcileResult(findings, compared, matched, CountByType(findings))
        {
            OrdersPending = pending.Count,
            PendingOrderIds = pending,
        };
    }

    /// <summary>Runs every check on one order; false when it is pending (inside the lag window, not compared).</summary>
    private static bool CheckOrder(
        OrderContext context, string orderId, Func<string, string, IReadOnlyList<StoredRecord>> lookup)
    {
        context.Reset(orderId);
        var systems = context.Flow.Systems;
        for (var s = 0; s < systems.Length; s++)
        {
            RecordSelection.Select(context, s, lookup(systems[s], orderId));
        }

        context.Selected();
        var source = context.Source;

        // Inside the lag window the targets may simply not have caught up yet: only the checks that do not
        // depend on age (schema, duplicates, reference data, business rules) run.
        var pending = context.IsPending();
        if (!pending && source is null)
        {
            PresenceRules.CheckOrphans(context);
        }
        else if (!pending)
        {
            PresenceRules.CheckMissing(context);
            AttributeComparer.Compare(context);
        }

        ReferenceRules.Check(context);
        if (source is not null)
        {
            BusinessRules.Check(context);
        }

        return !pending;
    }

    /// <summary>
    /// Each finding of an order lists every check the order failed, its own first, so an owner
    /// sees the whole picture from one Slack message.
    /// </summary>
    private static void ShareFailedChecks(List<Finding> findings, int first)
    {
        var all = new List<string>(findings.Count - first);
        for (var i = first; i < findings.Count; i++)
        {
            all.AddRange(findings[i].Diagnostics.FailedChecks);
        }

        for (var i = first; i < findings.Count; i++)
        {
            var own = findings[i].Diagnostics.FailedChecks;
            var checks = own.Concat(all.Where(c => !own.Contains(c))).ToList();
            findings[i] = findings[i] with { Diagnostics = findings[i].Diagnostics with { FailedChecks = checks } };
        }
    }

    private static Dictionary<string, int> CountByType(List<Finding> findings)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            counts[finding.Type] = counts.GetValueOrDefault(finding.Type) + 1;
        }

        return counts;
    }
}
