using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Reconciliation;
using Reconcile.Slack.Blocks;
using Reconcile.Topology;

namespace Reconcile.Slack.Outbox;

/// <summary>
/// The one way other features send to Slack. Every method only ADDS rows to the caller's DbContext;
/// the caller's SaveChanges commits them with the change that caused them, and wakes the dispatcher.
/// </summary>
public sealed class SlackOutbox(
    IOptions<SlackOptions> slack, IOptions<TopologyOptions> topology, TimeProvider time, OutboxSignal signal, Home.HomeRefresher homes, ILogger<SlackOutbox> logger)
{
    private readonly ConditionalWeakTable<DbContext, object> _hooked = [];

    /// <summary>New exceptions (already saved, so they have ids) to their owners' channels; a flood becomes one summary plus a thread.</summary>
    public void QueueExceptionsOpened(ReconcileDbContext db, IReadOnlyList<ExceptionEntity> opened)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(opened);
        foreach (var group in opened.GroupBy(e => e.Owner, StringComparer.Ordinal))
        {
            homes.OwnerChanged(group.Key);
            if (ChannelOf(group.Key) is not { } channel)
            {
                logger.LogWarning("Owner {Owner} has no Slack channel; {Count} exceptions not posted", group.Key, group.Count());
                continue;
            }

            var exceptions = group.OrderBy(e => e.Id).ToList();
            if (exceptions.Count > slack.Value.MaxMessagesPerRun)
            {
                var summary = RunSummaryMessage.Build(group.Key, exceptions);
                Add(db, Row(OutboxKind.Post, channel, new OutboxPayload(summary, ThreadExceptionIds: exceptions.Select(e => e.Id).ToList())));
                continue;
            }

            foreach (var exception in exceptions)
            {
                Add(db, ExceptionPost(exception, channel, parentOutboxId: null, threadTs: null));
            }
        }
    }

    /// <summary>
    /// After a state change: rewrite the exception's message in place and add the audit line to its thread.
    /// <paramref name="decidedBy"/> (a Slack user id) is told privately if the message cannot be refreshed.
    /// </summary>
    public void QueueExceptionChanged(ReconcileDbContext db, ExceptionEntity exception, string auditLine, string? decidedBy = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        homes.OwnerChanged(exception.Owner);
        if (exception.OriginalOwner != exception.Owner)
        {
            homes.OwnerChanged(exception.OriginalOwner); // escalated away: it leaves the earlier owner's tab
        }

        var channel = exception.SlackChannel ?? ChannelOf(exception.Owner) ?? "";
        var update = Row(OutboxKind.Update, channel, new OutboxPayload(Message(exception)));
        update.ExceptionId = exception.Id;
        update.UserId = decidedBy;
        Add(db, update);
        QueueThreadReply(db, exception, auditLine);
    }

    public void QueueThreadReply(ReconcileDbContext db, ExceptionEntity exception, string text)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var row = Row(OutboxKind.Post, exception.SlackChannel ?? ChannelOf(exception.Owner) ?? "", new OutboxPayload(SlackMessage.Plain(text), ReplyToException: true));
        row.ExceptionId = exception.Id;
        row.ThreadTs = exception.SlackTs;
        Add(db, row);
    }

    /// <summary>A message of its own to a channel (alerts, summaries).</summary>
    public void QueueChannelMessage(ReconcileDbContext db, string channel, SlackMessage message) =>
        Add(db, Row(OutboxKind.Post, channel, new OutboxPayload(message)));

    /// <summary>A post to a channel; with a parent row, it goes into the parent's thread once the parent is posted.</summary>
    public SlackOutboxEntity QueuePost(ReconcileDbContext db, string channel, SlackMessage message, long? parentOutboxId = null)
    {
        var row = Row(OutboxKind.Post, channel, new OutboxPayload(message));
        row.ParentOutboxId = parentOutboxId;
        Add(db, row);
        return row;
    }

    /// <summary>A file uploaded (external upload flow) into the thread of the parent row's message.</summary>
    public SlackOutboxEntity QueueFile(ReconcileDbContext db, string channel, OutboxFile file, long? parentOutboxId)
    {
        ArgumentNullException.ThrowIfNull(file);
        var row = new SlackOutboxEntity
        {
            Kind = OutboxKind.File, Channel = channel, Payload = file.ToPayloadJson(), ParentOutboxId = parentOutboxId,
            CreatedAt = time.GetUtcNow(), NextAttemptAt = time.GetUtcNow(),
        };
        Add(db, row);
        return row;
    }

    public void QueueEphemeral(ReconcileDbContext db, string channel, string user, string text)
    {
        var row = Row(OutboxKind.Ephemeral, channel, new OutboxPayload(SlackMessage.Plain(text)));
        row.UserId = user;
        Add(db, row);
    }

    /// <summary>The body goes to the URL as is (e.g. response_type, replace_original). The URL is kept in the Channel column.</summary>
    public void QueueResponseUrl(ReconcileDbContext db, Uri responseUrl, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(responseUrl);
        ArgumentNullException.ThrowIfNull(body);
        Add(db, new SlackOutboxEntity
        {
            Kind = OutboxKind.ResponseUrl, Channel = responseUrl.AbsoluteUri, Payload = body.ToJsonString(),
            CreatedAt = time.GetUtcNow(), NextAttemptAt = time.GetUtcNow(),
        });
    }

    internal SlackOutboxEntity ExceptionPost(ExceptionEntity exception, string channel, long? parentOutboxId, string? threadTs)
    {
        var row = Row(OutboxKind.Post, channel, new OutboxPayload(Message(exception)));
        row.ExceptionId = exception.Id;
        row.ParentOutboxId = parentOutboxId;
        row.ThreadTs = threadTs;
        return row;
    }

    public string? ChannelOf(string owner) => topology.Value.ChannelOf(owner);

    private SlackMessage Message(ExceptionEntity exception) =>
        ExceptionMessage.Build(exception, exception.Owner, topology.Value.Owners.GetValueOrDefault(exception.Owner));

    private SlackOutboxEntity Row(string kind, string channel, OutboxPayload payload) => new()
    {
        Kind = kind, Channel = channel, Payload = payload.ToJsonString(), CreatedAt = time.GetUtcNow(), NextAttemptAt = time.GetUtcNow(),
    };

    private void Add(ReconcileDbContext db, SlackOutboxEntity row)
    {
        db.SlackOutbox.Add(row);
        if (!_hooked.TryGetValue(db, out _))
        {
            _hooked.Add(db, new object());
            db.SavedChanges += (_, _) => signal.Notify();
        }
    }
}
