using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Hosting;
using Reconcile.Scheduling;
using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// One pull of one system: recorded as a running row (the system's gate: one pull per system at a time, on every
/// replica), read by <see cref="PullReader"/>, then completed or failed. Only a complete pull moves the system's
/// watermark, and only forward, to the newest <c>updatedAt</c> it read and stored.
/// </summary>
public sealed class PullRunner(
    IServiceScopeFactory scopes, PullReader reader, HandOff handOff, ReplicaIdentity replica, IOptionsMonitor<TopologyOptions> topology,
    TimeProvider time, ILogger<PullRunner> logger)
{
    /// <summary>Why <paramref name="system"/> cannot be pulled (naming the key to set), or null when it can.</summary>
    public static string? NotPullable(TopologyOptions topology, string system)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Systems.TryGetValue(system, out var options) && options.Connector is { Kind: ConnectorOptions.Http, Pull: not null }
            ? null
            : $"'{system}' has no pull configured: set Systems:{system}:Connector:Pull (with Connector:Kind Http and a BaseUrl).";
    }

    /// <summary>Records a pull and hands it to the system's <see cref="PullJob"/>; null when one of the system is running.</summary>
    /// <exception cref="Quartz.SchedulerException">The scheduler refused the hand-off (the pull is then marked failed).</exception>
    public async Task<PullEntity?> StartAsync(string system, string trigger, CancellationToken cancellationToken)
    {
        var pull = await TryRecordAsync(system, trigger, cancellationToken);
        if (pull is null)
        {
            return null;
        }

        try
        {
            var data = new Dictionary<string, string> { [PullJob.PullIdKey] = pull.Id.ToString(CultureInfo.InvariantCulture) };
            await handOff.StartAsync(PullJob.KeyFor(system), data, cancellationToken);
            return pull;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Pull {PullId} of {System} could not be handed to the scheduler", pull.Id, system);
            await FinishAsync(pull.Id, p => Fail(p, $"not started: {exception.Message}"), CancellationToken.None);
            throw;
        }
    }

    /// <summary>Records and executes a pull now (the schedule, the verb); null when one of the system is running.</summary>
    public async Task<PullEntity?> RunAsync(string system, string trigger, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var pull = await TryRecordAsync(system, trigger, cancellationToken);
        return pull is null ? null : await ExecuteAsync(pull.Id, progress, cancellationToken);
    }

    /// <summary>
    /// Executes a recorded pull and leaves it completed or failed; one no longer running is returned untouched.
    /// Progress counts pages (the total is unknown until the last page, so it stays one ahead).
    /// </summary>
    public async Task<PullEntity> ExecuteAsync(long pullId, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var pull = await FindAsync(pullId, cancellationToken);
        if (pull.Status != PullStatus.Running)
        {
            return pull;
        }

        using var _ = logger.BeginScope(new Dictionary<string, object> { ["PullId"] = pull.Id, ["System"] = pull.System });
        try
        {
            var before = await WatermarkAsync(pull.System, cancellationToken);
            await UpdateAsync(pullId, p => p.WatermarkBefore = before, cancellationToken);
            var outcome = await reader.ReadAsync(pull.System, before, async counts =>
            {
                var row = await UpdateAsync(pullId, p =>
                {
                    p.Pages++;
                    p.RecordsStored += counts.Stored;
                    p.RecordsUnchanged += counts.Unchanged;
                    p.RecordsQuarantined += counts.Quarantined;
                }, cancellationToken);
                progress?.Report(new WorkProgress(row.Pages, row.Pages + 1));
            }, cancellationToken);

            pull = await FinishAsync(pullId, p =>
            {
                if (!outcome.Complete)
                {
                    Fail(p, outcome.Error!);
                    return;
                }

                p.Status = PullStatus.Completed;
                p.WatermarkAfter = outcome.Newest is { } newest && (before is null || newest > before) ? newest : before;
            }, cancellationToken);
            progress?.Report(new WorkProgress(pull.Pages, pull.Pages));
            if (pull.Status == PullStatus.Completed)
            {
                logger.LogInformation("Pull {PullId} of {System} completed: {Pages} pages, {Stored} stored, {Unchanged} unchanged, {Quarantined} quarantined",
                    pull.Id, pull.System, pull.Pages, pull.RecordsStored, pull.RecordsUnchanged, pull.RecordsQuarantined);
            }
            else
            {
                logger.LogWarning("Pull {PullId} of {System} failed after {Pages} pages: {Error}", pull.Id, pull.System, pull.Pages, pull.Errors);
            }

            return pull;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Pull {PullId} of {System} failed", pullId, pull.System);
            return await FinishAsync(pullId, p => Fail(p, exception.Message), CancellationToken.None);
        }
    }

    private static void Fail(PullEntity pull, string error)
    {
        pull.Status = PullStatus.Failed;
        pull.Errors = error;
        pull.WatermarkAfter = pull.WatermarkBefore;
    }

    private async Task<DateTimeOffset?> WatermarkAsync(string system, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        return await db.PullWatermarks.AsNoTracking().Where(w => w.System == system).Select(w => (DateTimeOffset?)w.Watermark).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Ends the pull and, when it completed with a newer watermark, saves that watermark in the same unit of work.</summary>
    private async Task<PullEntity> FinishAsync(long pullId, Action<PullEntity> finish, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var pull = await db.Pulls.SingleAsync(p => p.Id == pullId, cancellationToken);
        finish(pull);
        pull.FinishedAt = time.GetUtcNow();
        if (pull is { Status: PullStatus.Completed, WatermarkAfter: { } after } && after != pull.WatermarkBefore)
        {
            var mark = await db.PullWatermarks.SingleOrDefaultAsync(w => w.System == pull.System, cancellationToken);
            if (mark is null)
            {
                mark = new PullWatermarkEntity { System = pull.System };
                db.PullWatermarks.Add(mark);
            }

            mark.Watermark = after;
            mark.PullId = pull.Id;
            mark.UpdatedAt = pull.FinishedAt.Value;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (scope.ServiceProvider.GetService<ReconcileMetrics>() is { } metrics)
        {
            metrics.Pulls.Add(1, new("system", pull.System), new("status", pull.Status));
            metrics.Received(pull.System, "pull", pull.RecordsStored, pull.RecordsQuarantined);
        }

        return pull;
    }

    private async Task<PullEntity> UpdateAsync(long pullId, Action<PullEntity> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var pull = await db.Pulls.SingleAsync(p => p.Id == pullId, cancellationToken);
        change(pull);
        pull.HeartbeatAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return pull;
    }

    private async Task<PullEntity> FindAsync(long pullId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().Pulls.AsNoTracking().SingleAsync(p => p.Id == pullId, cancellationToken);
    }

    /// <summary>
    /// Records a running pull unless the system has one. A running row whose replica went silent (no sign of life for
    /// longer than one page can take, twice over) is closed as failed first, so a crashed pull never blocks the system.
    /// Across replicas the unique index on a system's running pull refuses a second insert, answered as "already running".
    /// </summary>
    private async Task<PullEntity?> TryRecordAsync(string system, string trigger, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var now = time.GetUtcNow();
        var silentSince = now - PullGate.SilenceLimit(topology.CurrentValue.Systems[system].Connector!);
        await db.Pulls.Where(p => p.System == system && p.Status == PullStatus.Running && (p.HeartbeatAt ?? p.StartedAt) < silentSince)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, PullStatus.Failed)
                .SetProperty(p => p.Errors, PullGate.Interrupted).SetProperty(p => p.FinishedAt, now), cancellationToken);
        if (await db.Pulls.AnyAsync(p => p.System == system && p.Status == PullStatus.Running, cancellationToken))
        {
            return null;
        }

        var pull = new PullEntity { System = system, Trigger = trigger, StartedAt = now, HeartbeatAt = now, Instance = replica.Id };
        db.Pulls.Add(pull);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return pull;
        }
        catch (DbUpdateException)
        {
            if (await AnyRunningAsync(system, cancellationToken))
            {
                return null;
            }

            throw;
        }
    }

    private async Task<bool> AnyRunningAsync(string system, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().Pulls.AnyAsync(p => p.System == system && p.Status == PullStatus.Running, cancellationToken);
    }
}
