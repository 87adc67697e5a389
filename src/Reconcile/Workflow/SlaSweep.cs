using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Workflow;

/// <summary>
/// Escalates every unresolved exception past its SLA due time, once per breach (SlaBreachHandledFor
/// remembers the due time handled), as <c>system:sla</c>; the new owner is mentioned in the thread,
/// and finance hears about overdue orders that affect billing. Each exception saves on its own, with
/// the same optimistic concurrency as a click, so a sweep never overrides a person's decision.
/// </summary>
public sealed class SlaSweep(
    ReconcileDbContext db, ExceptionTransitions transitions, EscalationChain chain, IWorkflowNotifier notifier, FlowCatalog flows,
    IOptionsMonitor<TopologyOptions> topology, IOptions<WorkflowOptions> options, TimeProvider time, ILogger<SlaSweep> logger)
{
    /// <summary>Returns how many breaches it handled.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var overdue = await db.Exceptions.AsNoTracking()
            .Where(e => (e.State == ExceptionState.Open || e.State == ExceptionState.Escalated) && e.SlaDueAt < now
                && (e.SlaBreachHandledFor == null || e.SlaBreachHandledFor != e.SlaDueAt))
            .OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var id in overdue)
        {
            db.ChangeTracker.Clear();
            var exception = await db.Exceptions.SingleAsync(e => e.Id == id, cancellationToken);
            Handle(exception, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                handled++;
            }
            catch (DbUpdateConcurrencyException)
            {
                logger.LogInformation("SLA sweep: exception {ExceptionId} changed meanwhile; left for the next sweep", id);
            }
        }

        if (handled > 0)
        {
            logger.LogInformation("SLA sweep handled {Count} breach(es)", handled);
        }

        return handled;
    }

    private void Handle(ExceptionEntity exception, DateTimeOffset now)
    {
        var breachedDue = exception.SlaDueAt;
        var reason = $"SLA breached: was due {breachedDue:u}";
        if (chain.Next(exception.Owner) is { } next)
        {
            exception.SlaBreachHandledFor = breachedDue;
            transitions.Escalate(db, exception, WorkflowActors.Sla, next, chain.DueAt(next, now), reason);
        }
        else
        {
            transitions.BreachAtEndOfChain(db, exception);
        }

        if (FinanceChannel(exception) is { } channel)
        {
            notifier.QueueOverdueBilling(db, channel, exception, breachedDue);
        }
    }

    /// <summary>Finance is the owner of the billing system; an order affects billing when billing is the system at fault or in the flow.</summary>
    private string? FinanceChannel(ExceptionEntity exception)
    {
        var billing = options.Value.BillingSystem;
        if (!topology.CurrentValue.Systems.TryGetValue(billing, out var system) || topology.CurrentValue.ChannelOf(system.Owner) is not { } channel)
        {
            return null;
        }

        var affectsBilling = exception.System == billing || (flows.Exists(exception.Flow) && flows.Systems(exception.Flow).Contains(billing));
        return affectsBilling ? channel : null;
    }
}
