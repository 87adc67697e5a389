using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Automation;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Lifecycle;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;
using Reconcile.Topology;

namespace Reconcile.Slack.Notifications;

/// <summary>Slack's side of <see cref="IAutomationNotifier"/>, through the outbox (same unit of work as the change).</summary>
public sealed class AutomationNotifications(SlackOutbox outbox, IOptionsMonitor<TopologyOptions> topology) : IAutomationNotifier
{
    public async Task PageAsync(ReconcileDbContext db, ExceptionEntity exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.SlackTs is not null
            || await db.SlackOutbox.AnyAsync(o => o.ExceptionId == exception.Id && o.Kind == OutboxKind.Post, cancellationToken))
        {
            return; // already posted (or on its way): the replay's own lines go to its thread
        }

        outbox.QueueExceptionsOpened(db, [exception]);
    }

    public void Switched(ReconcileDbContext db, string flow, bool enabled, string actor, string reason, AutomationBreakerFigures? breaker)
    {
        if (!topology.CurrentValue.Flows.TryGetValue(flow, out var options) || outbox.ChannelOf(options.Owner) is not { } channel)
        {
            return;
        }

        var who = actor.StartsWith('U') || actor.StartsWith('W') ? $"<@{actor}>" : SlackText.Escape(actor);
        var message = breaker is not null
            ? AutomationAlertMessage.Build(breaker, reason)
            : SlackMessage.Plain(enabled
                ? $":arrow_forward: Automation for *{SlackText.Escape(flow)}* switched back on by {who}: the system replays its known patterns itself again."
                : $":pause_button: Automation for *{SlackText.Escape(flow)}* switched off by {who}: findings go to their owners as usual.");
        outbox.QueueChannelMessage(db, channel, message);
    }

    public void LinkedReplayFinished(ReconcileDbContext db, ExceptionEntity exception, string approver, ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(report);
        var text = report.Verified
            ? string.Create(CultureInfo.InvariantCulture, $":repeat: Replay linked to <@{approver}>'s approval: written into {SlackText.Escape(report.Target)} and verified ({report.Attempts} attempt(s)).")
            : string.Create(CultureInfo.InvariantCulture,
                $":warning: Replay linked to <@{approver}>'s approval did not verify in {SlackText.Escape(report.Target)} after {report.Attempts} attempt(s): {SlackText.Escape(report.Failure ?? "unknown")}. The approval stands; the target still needs fixing.");
        outbox.QueueThreadReply(db, exception, text);
    }
}
