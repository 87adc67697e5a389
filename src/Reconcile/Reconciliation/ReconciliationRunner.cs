using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Reference;

namespace Reconcile.Reconciliation;

/// <summary>
/// One run of one flow: load what changed → engine → exceptions and audit → figures, in one
/// transaction. A flow never runs twice at once in this process.
/// </summary>
public sealed class ReconciliationRunner(IServiceScopeFactory scopes, FlowCatalog flows, TimeProvider time, ILogger<ReconciliationRunner> logger)
{
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

    /// <summary>Executes a run started by <see cref="TryStartAsync"/> and releases the flow.</summary>
    public async Task<RunEntity> ExecuteAsync(long runId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
        using var _ = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = runId, ["Flow"] = run.Flow });
        try
        {
            await ReconcileAsync(scope.ServiceProvider, db, run, cancellationToken);
            logger.LogInformation("Run {RunId} of {Flow} completed: {Examined} examined, {Matched} matched, {Opened} opened, {AutoResolved} auto-resolved",
                run.Id, run.Flow, run.OrdersExamined, run.OrdersMatched, run.ExceptionsOpened, run.ExceptionsAutoResolved);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Run {RunId} of {Flow} failed", run.Id, run.Flow);
            db.ChangeTracker.Clear();
            run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
            run.Status = RunStatus.Failed;
            run.Error = exception.Message;
            run.EndedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _gates[run.Flow].Release();
        }

        return run;
    }

    /// <summary>Start and execute now; null when the flow is already running.</summary>
    public async Task<RunEntity?> RunAsync(string flow, bool full, string triggeredBy, CancellationToken cancellationToken)
    {
        var run = await TryStartAsync(flow, full, triggeredBy, cancellationToken);
        return run is null ? null : await ExecuteAsync(run.Id, cancellationToken);
    }

    /// <summary>Incremental: the changed orders in one snapshot. Full: every order, range by range, so memory stays bounded.</summary>
    private static async Task<(ReconcileResult Result, HashSet<string> Examined)> ReconcileOrdersAsync(
        RecordSnapshotLoader loader, FlowDefinition definition, IReadOnlyList<string> systems, DateTimeOffset? changedSince,
        ReferenceData reference, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var examined = new HashSet<string>(StringComparer.Ordinal);
        if (changedSince is { } since)
        {
            var snapshot = await loader.LoadChangedAsync(systems, since, cancellationToken);
            examined.UnionWith(snapshot.OrderIds);
            return (Reconciler.Reconcile(definition, snapshot.OrderIds, snapshot.Get, reference, now), examined);
        }

        var findings = new List<Finding>();
        var byType = new Dictionary<string, int>(StringComparer.Ordinal);
        var (count, matched) = (0, 0);
        await foreach (var range in loader.StreamAllAsync(systems, cancellationToken))
        {
            var part = Reconciler.Reconcile(definition, range.OrderIds, range.Get, reference, now);
            examined.UnionWith(range.OrderIds);
            findings.AddRange(part.Findings);
            count += part.OrdersExamined;
            matched += part.OrdersMatched;
            foreach (var (type, n) in part.FindingsByType)
            {
                byType[type] = byType.GetValueOrDefault(type) + n;
            }
        }

        return (new ReconcileResult(findings, count, matched, byType), examined);
    }

    private async Task ReconcileAsync(IServiceProvider services, ReconcileDbContext db, RunEntity run, CancellationToken cancellationToken)
    {
        var definition = flows.Definition(run.Flow);
        var systems = flows.Systems(run.Flow);
        var previous = run.Full ? null : await db.Runs.AsNoTracking()
            .Where(r => r.Flow == run.Flow && r.Status == RunStatus.Completed && r.Id < run.Id)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        // Re-examine the lag window before the last watermark: orders too young then may be overdue now.
        var changedSince = previous?.Watermark - definition.LagWindow - TimeSpan.FromMinutes(1);
        run.Full = changedSince is null;
        var now = time.GetUtcNow();

        var phases = System.Diagnostics.Stopwatch.StartNew();
        var reference = await services.GetRequiredService<ReferenceDataLoader>().LoadAsync(cancellationToken);
        var (result, examined) = await ReconcileOrdersAsync(services.GetRequiredService<RecordSnapshotLoader>(), definition, systems, changedSince, reference, now, cancellationToken);
        var reconciled = phases.Elapsed;
        var findings = await services.GetRequiredService<FindingHistory>().AttachAsync(result.Findings, cancellationToken);
        var stale = await services.GetRequiredService<FreshnessCheck>().CheckAsync(run.Flow, systems, now, cancellationToken);
        examined.Add("");

        var writer = services.GetRequiredService<ExceptionWriter>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var planStart = phases.Elapsed;
        var applied = await writer.PlanAsync(run.Flow, run.Id, [.. findings, .. stale], examined, cancellationToken);
        var planned = phases.Elapsed;
        await db.SaveChangesAsync(cancellationToken);
        var saved = phases.Elapsed;
        writer.AuditOpened(applied.Opened);

        run.Status = RunStatus.Completed;
        run.EndedAt = time.GetUtcNow();
        run.Watermark = now;
        run.OrdersExamined = result.OrdersExamined;
        run.OrdersMatched = result.OrdersMatched;
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
        await services.GetRequiredService<RunNotifications>().QueueAsync(db, run, applied, flows.Options(run.Flow), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Run {RunId} phases (ms): load and engine {ReconcileMs}, history {HistoryMs}, plan {PlanMs}, save exceptions {SaveMs}, audit and notify {AuditMs}",
            run.Id, (long)reconciled.TotalMilliseconds, (long)(planStart - reconciled).TotalMilliseconds, (long)(planned - planStart).TotalMilliseconds,
            (long)(saved - planned).TotalMilliseconds, (long)(phases.Elapsed - saved).TotalMilliseconds);
    }
}
