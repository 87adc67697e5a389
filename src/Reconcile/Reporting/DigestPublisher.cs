using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Slack;
using Reconcile.Slack.Outbox;

namespace Reconcile.Reporting;

/// <summary>
/// Queues a week's digest (post, thread continuations and chart) through the outbox. A scheduled digest
/// also claims its week in the digests table in the same transaction, so each week is posted once, even
/// when a catch-up at start-up and the Monday trigger (or two replicas) race.
/// </summary>
public sealed class DigestPublisher(
    ReconcileDbContext db, DigestQuery query, SlackOutbox outbox, OutboxSignal signal, IOptionsMonitor<SlackOptions> slack, TimeProvider time,
    ILogger<DigestPublisher> logger)
{
    public const string ChartFileName = "reconcile-digest.png";

    /// <param name="once">Claim the week (scheduled digests); false for an operator's preview post, which leaves Monday's post alone.</param>
    public async Task<(DigestOutcome Outcome, long? OutboxId)> PublishAsync(DateOnly weekStart, bool once, CancellationToken cancellationToken)
    {
        if (slack.CurrentValue.DigestChannel is not { Length: > 0 } channel)
        {
            logger.LogWarning("No digest for the week of {WeekStart}: Slack:DigestChannel is not set", weekStart);
            return (DigestOutcome.NoChannel, null);
        }

        if (once && await db.Digests.AnyAsync(d => d.WeekStart == weekStart, cancellationToken))
        {
            return (DigestOutcome.AlreadyPosted, null);
        }

        var report = await query.BuildAsync(weekStart, cancellationToken);
        var messages = DigestMessage.Build(report);
        var chart = DigestChart.RenderPng(report.Daily);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var digest = once ? new DigestEntity { WeekStart = weekStart, Channel = channel, CreatedAt = time.GetUtcNow() } : null;
        if (digest is not null)
        {
            db.Digests.Add(digest);
        }

        var post = outbox.QueuePost(db, channel, messages[0]);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (once)
        {
            // Another process claimed the week between our check and our insert.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return (DigestOutcome.AlreadyPosted, null);
        }

        foreach (var continuation in messages.Skip(1))
        {
            outbox.QueuePost(db, channel, continuation, post.Id);
        }

        outbox.QueueFile(db, channel, new OutboxFile(ChartFileName, $"Match rate and exceptions, 4 weeks to {weekStart.AddDays(6):yyyy-MM-dd}",
            "Daily match rate (line) and exceptions raised (bars) over the last four weeks", chart), post.Id);
        if (digest is not null)
        {
            digest.OutboxId = post.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        logger.LogInformation("Digest for the week of {WeekStart} queued to {Channel}: {Messages} message(s) and a chart", weekStart, channel, messages.Count);
        return (DigestOutcome.Queued, post.Id);
    }
}
