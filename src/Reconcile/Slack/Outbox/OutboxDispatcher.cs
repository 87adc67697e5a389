using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Slack.Outbox;

/// <summary>
/// Delivers pending outbox rows in id order, woken by <see cref="OutboxSignal"/> or a poll. Rows live
/// in the database, so whatever was pending when the process stopped is delivered after it starts.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, OutboxSignal signal, OutboxInstance instance, IOptions<SlackOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.IsConnected)
        {
            logger.LogInformation("Slack outbox dispatcher started; posting to {ApiBaseUrl}", options.Value.ApiBaseUrl);
        }
        else
        {
            logger.LogWarning("Slack is NOT connected (Slack:BotToken is empty): messages are written to the log instead of posted");
        }

        var recovered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var progressed = false;
            try
            {
                if (!recovered)
                {
                    await TakeOverEarlierClaimsAsync(stoppingToken);
                    recovered = true;
                }

                progressed = await DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed pass (database briefly unavailable, a bug in one row) must not stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Slack outbox pass failed; trying again at the next poll");
            }

            if (!progressed)
            {
                try
                {
                    await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Rows claimed on this machine by an earlier process (killed between calling Slack and recording the
    /// answer) are due now rather than when their lease ends; their delivery looks for the earlier post first.
    /// </summary>
    private async Task TakeOverEarlierClaimsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var now = time.GetUtcNow();
        var prefix = instance.MachineClaims;
        var mine = instance.Claim;
        var taken = await db.SlackOutbox
            .Where(o => o.Status == OutboxStatus.Pending && o.LastError != null && o.LastError.Substring(0, prefix.Length) == prefix && o.LastError != mine)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.NextAttemptAt, now), cancellationToken);
        if (taken > 0)
        {
            logger.LogWarning("{Count} Slack outbox row(s) were in flight when an earlier process on this machine stopped; delivering them now", taken);
        }
    }

    /// <summary>One pass over due rows; true when a row changed state, so the caller loops at once.</summary>
    private async Task<bool> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var delivery = scope.ServiceProvider.GetRequiredService<OutboxDelivery>();
        var now = time.GetUtcNow();
        var progressed = false;
        var after = 0L;
        while (true)
        {
            // Page on past rows that only wait (for a parent post or a message ts), so they never starve the rest.
            var due = await db.SlackOutbox
                .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && o.Id > after)
                .OrderBy(o => o.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var row in due)
            {
                progressed |= await delivery.DeliverAsync(db, row, cancellationToken);
            }

            if (progressed || due.Count < BatchSize)
            {
                break;
            }

            after = due[^1].Id;
        }

        return progressed;
    }
}
