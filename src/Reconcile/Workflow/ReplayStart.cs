using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation.Connectors;

namespace Reconcile.Workflow;

/// <summary>
/// The quick half of a Replay: check it may start, move the exception to replaying and save, all within a
/// click's three seconds. The slow half (write, retries, read-back) is <see cref="ReplayExecutor"/>.
/// </summary>
public sealed class ReplayStart(ExceptionDecision decision, ExceptionTransitions transitions, RecordConnectors connectors)
{
    /// <summary>The request to execute, or null when refused (the person has been answered).</summary>
    public async Task<ReplayRequest?> StartAsync(long exceptionId, ReplyTo reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var previousState = "";
        var started = await decision.DecideAsync(exceptionId, WorkflowAction.Replay, reply, seenVersion: null,
            (db, exception) =>
            {
                if (AuthoritativeRecord.WhyNotReplayable(exception, connectors.For(exception.System) is not null) is { } why)
                {
                    return why;
                }

                previousState = exception.State.ToWireName();
                transitions.StartReplay(db, exception, reply.UserId, exception.System);
                return null;
            },
            cancellationToken);
        return started is null ? null : new ReplayRequest(started.Id, started.Version, previousState, reply.UserId);
    }
}
