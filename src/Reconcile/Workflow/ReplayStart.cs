using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Findings;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation.Connectors;
using Reconcile.Topology;

namespace Reconcile.Workflow;

/// <summary>
/// The quick half of a Replay: check it may start, move the exception to replaying and save, all within a
/// click's three seconds. The slow half (write, retries, read-back) is <see cref="ReplayExecutor"/>.
/// </summary>
public sealed class ReplayStart(ExceptionDecision decision, ExceptionTransitions transitions, RecordConnectors connectors, FlowCatalog flows)
{
    /// <summary>The request to execute, or null when refused (the person has been answered).</summary>
    public async Task<ReplayRequest?> StartAsync(long exceptionId, ReplyTo reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var previousState = "";
        var started = await decision.DecideAsync(exceptionId, WorkflowAction.Replay, reply, seenVersion: null,
            (db, exception) =>
            {
                var connector = connectors.For(exception.System);
                if (AuthoritativeRecord.WhyNotReplayable(exception, connector is not null) is { } why)
                {
                    return why;
                }

                // Told to the person who clicked, before anything is sent: no Create for a missing order, a field the target's mapping cannot write back.
                if (connector!.WhyCannotWrite(ReplayFields.For(exception, flows), exception.Type == FindingType.MissingInTarget) is { } cannot)
                {
                    return cannot;
                }

                previousState = exception.State.ToWireName();
                transitions.StartReplay(db, exception, reply.UserId, exception.System);
                return null;
            },
            cancellationToken);
        return started is null ? null : new ReplayRequest(started.Id, started.Version, previousState, reply.UserId);
    }
}
