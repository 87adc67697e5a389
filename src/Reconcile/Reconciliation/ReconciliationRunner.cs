using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Microsoft.Extensions.Options;
using Reconcile.Hosting;
using Reconcile.Scheduling;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Reference;
using Reconcile.Topology;

namespace Reconcile.Reconciliation;

/// <summary>
/// One run of one flow: load what changed → engine → exceptions and audit → figures, in one
/// transaction. A flow never has two runs going at once: its gate is a run row in status running.
/// </summary>
public sealed class ReconciliationRunner(
    IServiceScopeFactory scopes, FlowCatalog flows, HandOff handOff, ReplicaIdentity replica, IOptionsMonitor<SchedulingOptions> scheduling,
    TimeProvider time, ILogger<ReconciliationRunner> logger) : IDisposable
{
    private const int MaxAttempts = 3;
    private readonly SemaphoreSlim _recording = new(1, 1);

    public void Dispose() => _recording.Dispose();

    /// <summary>
    /// Records a run of <paramref name="flow"/> and hands it to the flow's <see cref="FlowRunJob"/>, answering at once
    /// with the run as recorded (status running). Null when a run of the flow is already going.
    /// </summary>
    /// <remarks>
    /// The flow's gate is its running row, so nothing is held in memory between this call and the job: the job's
    /// end (completed or failed), a refused hand-off (failed here) or the next start-up (interrupted) closes it.
    /// </remarks>
    public async Task<RunEntity?> StartAsync(string flow, bool full, string triggeredBy, CancellationToken cancellationToken)
    {
        var run = await TryRecordAsync(flow, full, triggeredBy, cancellationToken);
        if (run is null)
        {
            return null;
        }

        try
        {
            await handOff.StartAsync(FlowRunJob.KeyFor(flow), FlowRunJob.Data(run), cancellationToken);
            return run;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Run {RunId} of {Flow} could not be handed to the scheduler", run.Id, flow);
            await MarkFailedAsync(run.Id, $"not started: {exception.Message}", CancellationToken.None);
            throw;
        }
    }

    /// <summary>Records and executes a run now, in the caller's time (the schedule, the command line); null when the flow is already running.</summary>
    public Task<RunEntity?> RunAsync(string flow, bool full, string triggeredBy, CancellationToken cancellationToken) =>
        RunAsync(flow, full, triggeredBy, progress: null, cancellationToken);

    /// <summary>As above, reporting orders examined out of the orders the run will examine (the command line draws it).</summary>
    public async Task<RunEntity?> RunAsync(string flow, bool full, string triggeredBy, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var run = await TryRecordAsync(flow, full, triggeredBy, cancellationToken);
        return run is null ? null : await ExecuteAsync(run.Id, progress, cancellationToken);
    }

    /// <summary>
    /// Executes a recorded run and leaves it completed or failed (any error is logged and kept on the run); a run no
    /// longer running (already executed) is returned untouched. Cancellation leaves it running for the next start-up to mark interrupted.
    /// </summary>
    public Task<RunEntity> ExecuteAsync(long runId, CancellationToken cancellationToken) =>
        ExecuteAsync(runId, progress: null, cancellationToken);

    /// <summary>As above, reporting orders examined; the run is traced as a <c>reconcile.run</c> span with its phases as children.</summary>
    public async Task<RunEntity> ExecuteAsync(long runId, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        RunEntity? run = null;
        using var heartbeat = new CancellationTokenSource();
        var beating = replica.Clustered ? BeatAsync(runId, heartbeat.Token) : Task.CompletedTask;
        using var activity = ReconcileTracing.Source.StartActivity(ReconcileTracing.Run);
        activity?.SetTag(ReconcileTracing.RunId, runId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
                run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
                if (run.Status != RunStatus.Running)
                {
                    return run;
                }

                using var _ = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = run.Id, ["Flow"] = run.Flow });
                activity?.SetTag(ReconcileTracing.Flow, run.Flow);
                activity?.SetTag(ReconcileTracing.RunTriggeredBy, run.TriggeredBy);
                try
                {
                    await ReconcileAsync(scope.ServiceProvider, db, run, progress, cancellationToken);
                    activity?.SetTag(ReconcileTracing.RunFull, run.Full);
                    activity?.SetTag(ReconcileTracing.OrdersExamined, run.OrdersExamined);
                    activity?.SetTag(ReconcileTracing.ExceptionsOpened, run.ExceptionsOpened);
                    logger.LogInformation("Run {RunId} of {Flow} completed: {Examined} compared, {Matched} matched, {Pending} pending, {Opened} opened, {AutoResolved} auto-resolved",
                        run.Id, run.Flow, run.OrdersExamined, run.OrdersMatched, run.OrdersPending, run.ExceptionsOpened, run.ExceptionsAutoResolved);
                    return run;
                }
                catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
                {
                    // Someone approved, escalated or swept an exception while the run planned: plan again on fresh rows.
                    logger.LogWarning("Run {RunId} of {Flow} met a concurrent decision; planning again (attempt {Attempt})", run.Id, run.Flow, attempt + 1);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Run {RunId} of {Flow} failed", runId, run?.Flow);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
            return await MarkFailedAsync(runId, exception.Message, cancellationToken);
        }
        finally
        {
            await heartbeat.CancelAsync();
            await beating;
        }
    }

    /// <summary>
    /// While this replica executes the run, claims it (instance) and refreshes its heartbeat every quarter of
    /// Scheduling:DeadRunAfter, so other replicas can tell a long run from one whose replica was killed.
    /// </summary>
    private async Task BeatAsync(long runId, CancellationToken stop)
    {
        var interval = scheduling.CurrentValue.DeadRunAfter / 4;
        using var timer = new PeriodicTimer(interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(30), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
                var now = time.GetUtcNow();
                await db.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Running)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.Instance, replica.Id).SetProperty(r => r.HeartbeatAt, now), stop);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A missed beat is not a failed run: the next one (or the dead-run threshold) decides.
                logger.LogWarning(exception, "Heartbeat of run {RunId} not recorded", runId);
            }
        }
        while (await WaitAsync(timer, stop));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Records a new run unless the flow has one running. The check and the insert are one step in this process; across
    /// replicas the unique index on a flow's running run refuses the second insert, which answers as "already running".
    /// </summary>
    private async Task<RunEntity?> TryRecordAsync(string flow, bool full, string triggeredBy, CancellationToken cancellationToken)
    {
        await _recording.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            if (await db.Runs.AnyAsync(r => r.Flow == flow && r.Status == RunStatus.Running, cancellationToken))
            {
                return null;
            }

            var now = time.GetUtcNow();
            var run = new RunEntity { Flow = flow, Full = full, TriggeredBy = triggeredBy, StartedAt = now, Instance = replica.Id, HeartbeatAt = now };
            db.Runs.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                if (await OtherRunningAsync(flow, cancellationToken))
                {
                    return null;
                }

                throw;
            }

            return run;
        }
        finally
        {
            _recording.Release();
        }
    }

    private async Task<bool> OtherRunningAsync(string flow, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        return await db.Runs.AnyAsync(r => r.Flow == flow && r.Status == RunStatus.Running, cancellationToken);
    }

    private async Task<RunEntity> MarkFailedAsync(long runId, string error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
        run.Status = RunStatus.Failed;
        run.Error = error;
        run.EndedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        scope.ServiceProvider.GetRequiredService<ReconcileMetrics>().Runs.Add(1, new("flow", run.Flow), new("status", RunStatus.Failed));
        return run;
    }

    private async Task ReconcileAsync(IServiceProvider services, ReconcileDbContext db, RunEntity run, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var definition = flows.Definition(run.Flow);
        var systems = flows.Systems(run.Flow);
        var previous = run.Full ? null : await db.Runs.AsNoTracking()
            .Where(r => r.Flow == run.Flow && r.Status == RunStatus.Completed && r.Id < run.Id)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        run.Full = previous?.Watermark is null;
        var now = time.GetUtcNow();

        var phases = System.Diagnostics.Stopwatch.StartNew();
        ReferenceData reference;
        using (ReconcileTracing.Source.StartActivity(ReconcileTracing.RunLoad))
        {
            reference = await services.GetRequiredService<ReferenceDataLoader>().LoadAsync(cancellationToken);
        }

        // The engine phase reads the flow's records range by range as it matches them, so reading is inside it.
        ReconcileResult result;
        HashSet<string> examined;
        IReadOnlyList<Finding> findings;
        FreshnessCheck.Result freshness;
        TimeSpan reconciled;
        using (var engine = ReconcileTracing.Source.StartActivity(ReconcileTracing.RunEngine))
        {
            (result, examined) = await OrderSweep.ReconcileAsync(services.GetRequiredService<RecordSnapshotLoader>(), definition, systems, previous?.Watermark, reference, now, progress, cancellationToken);
            // Before any exception is opened: findings against systems with Connector:Read are confirmed by reading them.
            if (ConfirmingReads.AnyReader(services, systems))
            {
                result = await services.GetRequiredService<ConfirmingReads>().ConfirmAsync(definition, systems, result, reference, now, cancellationToken);
            }

            reconciled = phases.Elapsed;
            findings = await services.GetRequiredService<FindingHistory>().AttachAsync(result.Findings, cancellationToken);
            freshness = await services.GetRequiredService<FreshnessCheck>().CheckAsync(run.Flow, systems, now, cancellationToken);
            engine?.SetTag(ReconcileTracing.OrdersExamined, result.OrdersExamined);
        }

        var stale = freshness.Findings;

        // Marks where the run stops reading and starts writing: an operator (and the crash tests) can tell the phases apart.
        logger.LogInformation("Run {RunId} of {Flow} is writing: {Findings} findings over {Examined} compared orders",
            run.Id, run.Flow, findings.Count + stale.Count, examined.Count);
        using var write = ReconcileTracing.Source.StartActivity(ReconcileTracing.RunWrite);
        var writer = services.GetRequiredService<ExceptionWriter>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var orders = await writer.PlanAsync(run.Flow, run.Id, findings, examined, feedLevel: false, cancellationToken);
            // Feeds are judged only when the freshness check ran (business hours), never by an order being examined.
            var feeds = await writer.PlanAsync(run.Flow, run.Id, stale, freshness.Evaluated ? [""] : [], feedLevel: true, cancellationToken);
            var applied = new AppliedPlan([.. orders.Opened, .. feeds.Opened], [.. orders.Updated, .. feeds.Updated], [.. orders.AutoResolved, .. feeds.AutoResolved]);
            // Thousands of repeats and resolutions after a full run: one prepared statement each on SQLite.
            await BulkUpdate.SaveModifiedAsync<ExceptionEntity>(db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await writer.InsertOpenedAsync(applied.Opened, cancellationToken);
            await CompleteAsync(services, db, run, result, stale, applied, now, cancellationToken);
            // A full run's commit is large: its WAL checkpoint runs beside what follows, not inside the run.
            await using (await services.GetRequiredService<BackgroundCheckpoints>().DeferAsync(db, cancellationToken))
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        catch
        {
            // Roll back explicitly: it ends the audit chain lock this unit of work may hold.
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }

        // Outside the committed transaction: automation reads the run's exceptions as committed.
        await services.GetRequiredService<IRunAutomation>().RunCommittedAsync(run, CancellationToken.None);
        logger.LogInformation("Run {RunId} phases (ms): load and engine {ReconcileMs}, exceptions, audit and notifications {WriteMs}",
            run.Id, (long)reconciled.TotalMilliseconds, (long)(phases.Elapsed - reconciled).TotalMilliseconds);
    }
    private async Task CompleteAsync(
        IServiceProvider services, ReconcileDbContext db, RunEntity run, ReconcileResult result, IReadOnlyList<Finding> stale,
        AppliedPlan applied, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var definition = flows.Definition(run.Flow);
        run.Status = RunStatus.Completed;
        run.EndedAt = time.GetUtcNow();
        run.Watermark = now;
        run.OrdersExamined = result.OrdersExamined;
        run.OrdersMatched = result.OrdersMatched;
        run.OrdersPending = result.OrdersPending;
        var byType = new SortedDictionary<string, int>(result.FindingsByType.ToDictionary(), StringComparer.Ordinal);
        foreach (var finding in stale)
        {
            byType[finding.Type] = byType.GetValueOrDefault(finding.Type) + 1;
        }

        run.FindingsByType = JsonSerializer.Serialize(byType);
        run.ExceptionsOpened = applied.Opened.Count;
        run.ExceptionsUpdated = applied.Updated.Count;
        run.ExceptionsAutoResolved = applied.AutoResolved.Count;
        run.CircuitBreakerTripped = result.OrdersExamined >= CircuitBreaker.MinimumOrders && result.ExceptionRate > definition.MaxExceptionRate;
        using (ReconcileTracing.Source.StartActivity(ReconcileTracing.RunNotifications))
        {
            // New exceptions that Live automation will try are paged by it only if it fails, so they are held back here.
            var held = await services.GetRequiredService<IRunAutomation>().HoldAsync(db, run, applied.Opened, flows.Options(run.Flow), cancellationToken);
            var paged = held.Count == 0 ? applied : applied with { Opened = [.. applied.Opened.Where(e => !held.Contains(e.Id))] };
            await services.GetRequiredService<IRunNotifier>().QueueAsync(db, run, paged, flows.Options(run.Flow), cancellationToken);
            // Thousands of message updates after a mass resolution go in a few statements, in the order queued.
            await BulkInsert.SaveAddedAsync<SlackOutboxEntity>(db, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        var metrics = services.GetRequiredService<ReconcileMetrics>();
        metrics.Runs.Add(1, new("flow", run.Flow), new("status", RunStatus.Completed));
        foreach (var (type, count) in byType)
        {
            metrics.Findings.Add(count, new("flow", run.Flow), new("type", type));
        }
    }
}
