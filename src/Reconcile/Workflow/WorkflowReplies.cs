using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;

namespace Reconcile.Workflow;

/// <summary>Ephemeral answers to the person who clicked, through the outbox (so they commit with what they describe).</summary>
public sealed class WorkflowReplies(SlackOutbox outbox, ILogger<WorkflowReplies> logger)
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
        if (exception.State == ExceptionTransitions.Resolved)
        {
            var at = exception.ResolvedAt is { } resolvedAt ? $" at {SlackText.Date(resolvedAt)}" : "";
            return $"Already resolved ({exception.Resolution}) by {WorkflowActors.Display(exception.ResolvedBy)}{at}. Nothing was changed.";
        }

        var last = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ExceptionId == exception.Id && a.Action != AuditActions.Denied)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var what = last is null ? "changed" : Describe(last.Action);
        var by = last is null ? "" : $" by {WorkflowActors.Display(last.Actor)} at {SlackText.Date(last.At)}";
        return $"Already {what}{by}; it is now {exception.State} (owner {SlackText.Escape(exception.Owner)}). Nothing was changed.";
    }

    private static string Describe(string action) => action switch
    {
        AuditActions.ReplayStarted => "sent to replay",
        AuditActions.ReplayFailed => "replayed without success",
        AuditActions.Escalated => "escalated",
        _ => action.Replace('_', ' '),
    };
}
