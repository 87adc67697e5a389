using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Slack.Outbox;

/// <summary>
/// Resolves a row's dependencies: a thread reply needs its parent's ts, an update needs the
/// exception's message ts. Until the message they depend on is posted, rows wait.
/// </summary>
internal static class OutboxTargets
{
    public static async Task<OutboxTarget> ResolveAsync(ReconcileDbContext db, SlackOutboxEntity row, OutboxPayload payload, CancellationToken cancellationToken)
    {
        if (row.Kind is OutboxKind.Ephemeral or OutboxKind.ResponseUrl)
        {
            return new OutboxTarget(row.Channel);
        }

        if (row.Kind == OutboxKind.Update || payload.ReplyToException)
        {
            return await ExceptionMessageAsync(db, row, cancellationToken);
        }

        if (row.ThreadTs is not null || row.ParentOutboxId is null)
        {
            return new OutboxTarget(row.Channel, row.ThreadTs);
        }

        var parent = await db.SlackOutbox.AsNoTracking().FirstOrDefaultAsync(o => o.Id == row.ParentOutboxId, cancellationToken);
        return parent switch
        {
            null => OutboxTarget.Failed($"parent outbox row {row.ParentOutboxId} does not exist"),
            { Status: OutboxStatus.Failed } => OutboxTarget.Failed($"parent outbox row {parent.Id} failed"),
            { ResultTs: { } ts } => new OutboxTarget(row.Channel, ts),
            { Status: OutboxStatus.Sent } => new OutboxTarget(row.Channel),
            _ => OutboxTarget.Waiting,
        };
    }

    /// <summary>The exception's message: its stored ts, else the ts of the post that created it, else wait for that post.</summary>
    private static async Task<OutboxTarget> ExceptionMessageAsync(ReconcileDbContext db, SlackOutboxEntity row, CancellationToken cancellationToken)
    {
        if (row.Kind == OutboxKind.Post && row.ThreadTs is not null)
        {
            return new OutboxTarget(row.Channel, row.ThreadTs);
        }

        var exception = row.ExceptionId is { } id
            ? await db.Exceptions.AsNoTracking().Where(e => e.Id == id).Select(e => new { e.SlackChannel, e.SlackTs }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (exception is null)
        {
            return OutboxTarget.Failed("the exception does not exist");
        }

        if (exception.SlackTs is null)
        {
            var original = await db.SlackOutbox.AsNoTracking()
                .Where(o => o.ExceptionId == row.ExceptionId && o.Kind == OutboxKind.Post && o.Id != row.Id && !o.Payload.Contains("reconcileReplyToException"))
                .OrderBy(o => o.Id)
                .Select(o => new { o.Status, o.Channel, o.ResultTs })
                .FirstOrDefaultAsync(cancellationToken);
            // A flood summary creates the exception's post only once it is delivered itself.
            var summaryPending = await db.SlackOutbox.AnyAsync(
                o => o.Status == OutboxStatus.Pending && o.Payload.Contains("reconcileThreadExceptionIds"), cancellationToken);
            return original switch
            {
                { ResultTs: { } ts } => Target(row, original.Channel, ts),
                { Status: OutboxStatus.Pending } => OutboxTarget.Waiting,
                null when summaryPending => OutboxTarget.Waiting,
                _ => OutboxTarget.Failed("the exception's message was never posted"),
            };
        }

        return Target(row, exception.SlackChannel ?? row.Channel, exception.SlackTs);
    }

    private static OutboxTarget Target(SlackOutboxEntity row, string channel, string ts) =>
        row.Kind == OutboxKind.Update ? new OutboxTarget(channel, Ts: ts) : new OutboxTarget(channel, ThreadTs: ts);
}
