using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Lifecycle;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;
using Reconcile.Topology;

namespace Reconcile.Slack.Notifications;

/// <summary>
/// Slack's side of <see cref="IExceptionChangeNotifier"/>: after a decision the exception's message is
/// rewritten in place and the change is told in its thread, through the outbox (same unit of work).
/// </summary>
public sealed class OutboxChangeNotifier(SlackOutbox outbox, IOptionsMonitor<TopologyOptions> topology) : IExceptionChangeNotifier
{
    public void Changed(ReconcileDbContext db, ExceptionEntity exception, ExceptionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(exception);
        if (change.Actor == WorkflowActors.Auto && exception.SlackTs is null
            && !db.SlackOutbox.Any(o => o.ExceptionId == exception.Id && o.Kind == OutboxKind.Post))
        {
            // Automation works on exceptions it held back from paging: a message never posted has nothing to update.
            return;
        }

        // Only a person (a Slack user id, U… or W…) is told privately when the message cannot be refreshed; rules are not.
        var person = change.Actor.Length > 1 && change.Actor[0] is 'U' or 'W' && change.Actor.All(char.IsAsciiLetterOrDigit) ? change.Actor : null;
        outbox.QueueExceptionChanged(db, exception, ExceptionChangeLine.For(exception, change, topology.CurrentValue.Owners), person);
    }
}
