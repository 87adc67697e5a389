using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Slack.Outbox;

/// <summary>
/// Delivers pending outbox rows, woken by <see cref="OutboxSignal"/> or a poll. Each channel (or
/// response_url) is drained by its own worker in id order, and channels run in parallel: Slack's pace
/// is about one message per second <em>per channel</em> (enforced by the API client's per-channel limiter),
/// so one busy channel never holds up another. Rows live in the database, so whatever was pending when
/// the process stopped is delivered after it starts.
/// </summary>
internal sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, OutboxSignal signal, OutboxInstance instance, IOptions<SlackOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private const int BatchSize = 50;

    /// <summary>At most this many channels are drained at once (each holds a database connection).</summary>
    private const int MaxParallelChannels = 16;

    private readonly ConcurrentDictionary<string, ChannelWorker> _workers = new(StringComparer.Ordinal);

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
            try
            {
                if (!recovered)
                {
                    await TakeOverEarlierClaimsAsync(stoppingToken);
                    recovered = true;
                }

                await StartWorkersAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A failed pass (database briefly unavailable) must not stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Slack outbox pass failed; trying again at the next poll");
            }

            try
            {
                await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(_workers.Values.Select(w => w.Task));
    }

    /// <summary>Starts a worker for every channel with due rows; a channel already being drained is told to look again.</summary>
    private async Task StartWorkersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var now = time.GetUtcNow();
        var channels = await db.SlackOutbox
            .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now)
            .Select(o => o.Channel)
            .Distinct()
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var channel in channels)
        {
            if (_workers.TryGetValue(channel, out var running))
            {
                running.Again = true;
                continue;
            }

            if (_workers.Count >= MaxParallelChannels)
            {
                break;
            }

            var worker = new ChannelWorker();
            _workers[channel] = worker;
            worker.Task = Task.Run(() => DrainAsync(channel, worker, cancellationToken), CancellationToken.None);
        }
    }

    /// <summary>Delivers one channel's due rows until none of them can move; then wakes the main loop if anything did.</summary>
    private async Task DrainAsync(string channel, ChannelWorker worker, CancellationToken cancellationToken)
    {
        var progressed = false;
        try
        {
            do
            {
                worker.Again = false;
                while (await DeliverDueAsync(channel, cancellationToken))
                {
                    progressed = true;
                }
            }
            while (worker.Again && !cancellationToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the rows stay pending and are delivered after the next start.
        }
#pragma warning disable CA1031 // A failed channel (database briefly unavailable, a bug in one row) must not stop the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Slack outbox delivery to {Channel} failed; trying again at the next poll", channel);
        }
        finally
        {
            _workers.TryRemove(channel, out _);
            if (progressed || worker.Again)
            {
                // Another channel's rows may have been waiting for this one (a thread parent, a message ts).
                signal.Notify();
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

    /// <summary>One pass over a channel's due rows in id order; true when a row changed state, so the caller loops at once.</summary>
    private async Task<bool> DeliverDueAsync(string channel, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var delivery = scope.ServiceProvider.GetRequiredService<OutboxDelivery>();
        var now = time.GetUtcNow();
        var after = 0L;
        while (true)
        {
            // Page on past rows that only wait (for a parent post or a message ts), so they never starve the rest.
            var due = await db.SlackOutbox
                .Where(o => o.Channel == channel && o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && o.Id > after)
                .OrderBy(o => o.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            var progressed = false;
            foreach (var row in due)
            {
                progressed |= await delivery.DeliverAsync(db, row, cancellationToken);
            }

            if (progressed || due.Count < BatchSize)
            {
                return progressed;
            }

            after = due[^1].Id;
        }
    }

    /// <summary>The worker draining one channel; <see cref="Again"/> asks it for one more pass before it stops.</summary>
    private sealed class ChannelWorker
    {
        public volatile bool Again;

        public Task Task { get; set; } = Task.CompletedTask;
    }
}
