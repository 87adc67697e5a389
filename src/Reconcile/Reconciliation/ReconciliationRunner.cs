using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Reference;
using Reconcile.Topology;

namespace Reconcile.Reconciliation;

/// <summary>
/// One run of one flow: load what changed → engine → exceptions and audit → figures, in one
/// transaction. A flow never runs twice at once in this process.
/// </summary>
public sealed class ReconciliationRunner(IServiceScopeFactory scopes, FlowCatalog flows, TimeProvider time, ILogger<ReconciliationRunner> logger)
{
    private const int MaxAttempts = 3;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Records a new run and holds the flow; null when a run of the flow is already going.</summary>
    public async Task<RunEntity?> TryStartAsync(string flow, bool full, string triggeredBy, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(flow, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(0, cancellationToken))
        {
            return null;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var run = new RunEntity { Flow = flow, Full = full, TriggeredBy = triggeredBy, StartedAt = time.GetUtcNow() };
            db.Runs.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            return run;
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Executes a run started by <see cref="TryStartAsync"/> and always releases the flow.</summary>
    public async Task<RunEntity> ExecuteAsync(RunEntity started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(started);
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = started.Id, ["Flow"] = started.Flow });
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
                var run = await db.Runs.SingleAsync(r => r.Id == started.Id, cancellationToken);
                try
                {
                    await ReconcileAsync(scope.ServiceProvider, db, run, cancellationToken);
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
            logger.LogError(exception, "Run {RunId} of {Flow} failed", started.Id, started.Flow);
            return await MarkFailedAsync(started.Id, exception.Message, cancellationToken);
        }
        finally
        {
            _gates[started.Flow].Release();
        }
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
        return run;
    }

    /// <summary>Start and execute now; null when the flow is already running.</summary>
    public async Task<RunEntity?> RunAsync(string flow, bool full, string triggeredBy, CancellationToken cancellationToken)
    {
        var run = await TryStartAsync(flow, full, triggeredBy, cancellationToken);
        return run is null ? null : await ExecuteAsync(run, cancellationToken);
    }

    private async Task ReconcileAsync(IServiceProvider services, ReconcileDbContext db, RunEntity run, CancellationToken cancellationToken)
    {
        var definition = flows.Definition(run.Flow);
        var systems = flows.Systems(run.Flow);
        var previous = run.Full ? null : await db.Runs.AsNoTracking()
            .Where(r => r.Flow == run.Flow && r.Status == RunStatus.Completed && r.Id < run.Id)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        run.Full = previous?.Watermark is null;
        var now = time.GetUtcNow();

        var phases = System.Diagnostics.Stopwatch.StartNew();
        var reference = await services.GetRequiredService<ReferenceDataLoader>().LoadAsync(cancellationToken);
        var (result, examined) = await OrderSweep.ReconcileAsync(services.GetRequiredService<RecordSnapshotLoader>(), definition, systems, previous?.Watermark, reference, now, cancellationToken);
        var reconciled = phases.Elapsed;
        var findings = await services.GetRequiredService<FindingHistory>().AttachAsync(result.Findings, cancellationToken);
        var freshness = await services.GetRequiredService<FreshnessCheck>().CheckAsync(run.Flow, systems, now, cancellationToken);
        var stale = freshness.Findings;

        var writer = services.GetRequiredService<ExceptionWriter>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var orders = await writer.PlanAsync(run.Flow, run.Id, findings, examined, feedLevel: false, cancellationToken);
            // Feeds are judged only when the freshness check ran (business hours), never by an order being examined.
            var feeds = await writer.PlanAsync(run.Flow, run.Id, stale, freshness.Evaluated ? [""] : [], feedLevel: true, cancellationToken);
            var applied = new AppliedPlan([.. orders.Opened, .. feeds.Opened], [.. orders.Updated, .. feeds.Updated], [.. orders.AutoResolved, .. feeds.AutoResolved]);
            await db.SaveChangesAsync(cancellationToken);
            writer.AuditOpened(applied.Opened);
            await CompleteAsync(services, db, run, result, stale, applied, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            // Roll back explicitly: it ends the audit chain lock this unit of work may hold.
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
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
        await services.GetRequiredService<IRunNotifier>().QueueAsync(db, run, applied, flows.Options(run.Flow), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
