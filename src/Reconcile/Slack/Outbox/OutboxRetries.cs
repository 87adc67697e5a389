using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Slack.Blocks;
using Reconcile.Topology;

namespace Reconcile.Slack.Outbox;

/// <summary>
/// Puts posts Slack refused for good (<c>not_in_channel</c>, <c>is_archived</c>, <c>channel_not_found</c>, a revoked
/// token, blocks refused even as text…) back in the queue once someone fixed the cause: <c>/recon retry</c> or the bot
/// being invited to the channel (<c>member_joined_channel</c>). Posts, files and thread replies are re-queued in their
/// original order; an exception's own message is rebuilt from its current state so a late post never shows stale
/// buttons. Message refreshes (chat.update) are not: the rebuilt post already shows the current state.
/// </summary>
public sealed class OutboxRetries(IOptions<TopologyOptions> topology, TimeProvider time, OutboxSignal signal, ILogger<OutboxRetries> logger)
{
    /// <summary>How many refused rows one retry re-queues at most (the oldest first).</summary>
    public const int MaxRows = 500;

    /// <summary>Re-queues refused rows (of <paramref name="channel"/> only, when given) and saves; returns how many.</summary>
    public async Task<int> RequeueRefusedAsync(ReconcileDbContext db, string? channel, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.SlackOutbox
            .Where(o => o.Status == OutboxStatus.Failed && (o.Kind == OutboxKind.Post || o.Kind == OutboxKind.File))
            .Where(o => channel == null || o.Channel == channel)
            .OrderBy(o => o.Id).Take(MaxRows)
            .ToListAsync(cancellationToken);
        // A payload we could not read is our fault, not Slack's: sending it again would fail the same way.
        rows.RemoveAll(o => o.LastError?.StartsWith("invalid_payload", StringComparison.Ordinal) == true);
        var exceptionIds = rows.Where(o => o.ExceptionId is not null).Select(o => o.ExceptionId!.Value).Distinct().ToList();
        var exceptions = await db.Exceptions.AsNoTracking().Where(e => exceptionIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            if (row.Kind == OutboxKind.Post && row.ExceptionId is { } id && exceptions.TryGetValue(id, out var exception) && IsOwnMessage(row))
            {
                row.Payload = new OutboxPayload(ExceptionMessage.Build(exception, exception.Owner, topology.Value.Owners.GetValueOrDefault(exception.Owner))).ToJsonString();
            }

            row.Status = OutboxStatus.Pending;
            row.NextAttemptAt = now;
            row.LastError = $"re-queued by {requestedBy} after: {row.LastError}";
            if (row.LastError.Length > 2000)
            {
                row.LastError = row.LastError[..2000];
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (rows.Count > 0)
        {
            logger.LogInformation("Re-queued {Count} refused Slack outbox rows ({Channel}) for {RequestedBy}", rows.Count, channel ?? "all channels", requestedBy);
            signal.Notify();
        }

        return rows.Count;
    }

    /// <summary>True for the exception's own message (not a reply in its thread, not a flood summary).</summary>
    private static bool IsOwnMessage(SlackOutboxEntity row)
    {
        try
        {
            var payload = OutboxPayload.Parse(row.Payload);
            return !payload.ReplyToException && payload.ThreadExceptionIds is null && row.ThreadTs is null && row.ParentOutboxId is null;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
