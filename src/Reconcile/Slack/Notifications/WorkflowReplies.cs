using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;
using Reconcile.Workflow;

namespace Reconcile.Slack.Notifications;

/// <summary>
/// Slack's side of <see cref="IWorkflowNotifier"/>: ephemeral answers to the person who clicked and the finance
/// alert, through the outbox (so they commit with what they describe).
/// </summary>
public sealed class WorkflowReplies(SlackOutbox outbox, ILogger<WorkflowReplies> logger) : IWorkflowNotifier
{
    public void Queue(ReconcileDbContext db, ReplyTo reply, string text)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.ResponseUrl is { } url)
        {
            outbox.QueueResponseUrl(db, url, new JsonObject { ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = text });
        }
        else if (!string.IsNullOrEmpty(reply.Channel))
        {
            outbox.QueueEphemeral(db, reply.Channel, reply.UserId, text);
        }
        else
        {
            logger.LogWarning("No way to tell {SlackUser}: {Reply}", reply.UserId, text);
        }
    }

    /// <summary>"Already resolved by @x at …": who changed the exception last, and when.</summary>
    public async Task<string> AlreadyActedAsync(ReconcileDbContext db, ExceptionEntity exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.State == ExceptionState.Resolved)
        {
            var at = exception.ResolvedAt is { } resolvedAt ? $" at {SlackText.Date(resolvedAt)}" : "";
            return $"Already resolved ({exception.Resolution?.ToWireName()}) by {SlackText.Actor(exception.ResolvedBy)}{at}. Nothing was changed.";
        }

        var last = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ExceptionId == exception.Id && a.Action != AuditActions.Denied)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var what = last is null ? "changed" : Describe(last.Action);
        var by = last is null ? "" : $" by {SlackText.Actor(last.Actor)} at {SlackText.Date(last.At)}";
        return $"Already {what}{by}; it is now {exception.State.ToWireName()} (owner {SlackText.Escape(exception.Owner)}). Nothing was changed.";
    }

    public string Denied(string who, WorkflowAction action) =>
        $"Sorry, only members of {SlackText.Escape(who)} (or a Reconcile admin) can {action.ToString().ToLowerInvariant()} this exception. Nothing was changed; the attempt is on the audit trail.";

    public void QueueOverdueBilling(ReconcileDbContext db, string channel, ExceptionEntity exception, DateTimeOffset breachedDue)
    {
        ArgumentNullException.ThrowIfNull(exception);
        outbox.QueueChannelMessage(db, channel, SlackMessage.Plain(
            $":money_with_wings: Order {SlackText.Escape(exception.OrderId)} affects billing and is past its SLA (was due {SlackText.Date(breachedDue)}): "
            + $"{SlackText.Escape(exception.Type)} in {SlackText.Escape(exception.System)}, value at risk {SlackText.Money(exception.ValueAtRisk)}, now with {SlackText.Escape(exception.Owner)}."));
    }

    private static string Describe(string action) => action switch
    {
        AuditActions.ReplayStarted => "sent to replay",
        AuditActions.ReplayFailed => "replayed without success",
        AuditActions.Escalated => "escalated",
        _ => action.Replace('_', ' '),
    };
}
