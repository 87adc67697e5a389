using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Records;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation;
using Reconcile.Reconciliation.Connectors;
using Reconcile.Topology;

namespace Reconcile.Workflow;

/// <summary>
/// The slow half of a replay, outside any database transaction: write the authoritative record to
/// the target through its connector (retried under the system's pipeline, with an idempotency key),
/// read it back and compare; then one transition — resolved (replayed), or back where it was with
/// the failure, attempts and responses on the audit trail and in the thread.
/// </summary>
public sealed class ReplayExecutor(
    ReconcileDbContext db, AuthoritativeRecord authoritative, RecordConnectors connectors, ReplayPipelines pipelines,
    ExceptionTransitions transitions, FlowCatalog flows, ILogger<ReplayExecutor> logger)
{
    public async Task RunAsync(ReplayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ExceptionId"] = request.ExceptionId, ["SlackUser"] = request.RequestedBy });
        var exception = await db.Exceptions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.ExceptionId, cancellationToken);
        if (exception is null || exception.State != ExceptionState.Replaying || exception.Version != request.Version)
        {
            logger.LogInformation("Replay {IdempotencyKey} skipped: the exception moved on", request.IdempotencyKey);
            return;
        }

        var report = await ReplayAsync(exception.System, exception, request, cancellationToken);
        var row = await db.Exceptions.SingleAsync(e => e.Id == request.ExceptionId, cancellationToken);
        if (row.State != ExceptionState.Replaying || row.Version != request.Version)
        {
            logger.LogWarning("Replay {IdempotencyKey} finished but the exception changed meanwhile; outcome not applied", request.IdempotencyKey);
            return;
        }

        if (report.Verified)
        {
            transitions.CompleteReplay(db, row, request.RequestedBy, report);
        }
        else
        {
            transitions.FailReplay(db, row, request.RequestedBy, WireNames.ParseState(request.PreviousState), report);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogWarning("Replay {IdempotencyKey}: the exception changed while the outcome was saved; outcome not applied", request.IdempotencyKey);
        }
    }

    /// <summary>
    /// The write, retries and read-back alone, with no transition: a replay linked to an approval (the exception is
    /// already resolved). Same connector, pipeline and read-back check as the button; the key is the exception's
    /// current version (<see cref="ExceptionTransitions.ReplayKey"/>), so a repeat of the same link is harmless.
    /// </summary>
    public Task<ReplayReport> WriteAndVerifyAsync(Data.Entities.ExceptionEntity exception, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return ReplayAsync(exception.System, exception, new ReplayRequest(exception.Id, exception.Version, exception.State.ToWireName(), requestedBy), cancellationToken);
    }

    private async Task<ReplayReport> ReplayAsync(string target, Data.Entities.ExceptionEntity exception, ReplayRequest request, CancellationToken cancellationToken)
    {
        var attempts = 0;
        var responses = new List<string>();
        OrderRecord record;
        try
        {
            record = await authoritative.BuildAsync(exception, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, the exception must leave "replaying" with the failure on record.
            return new ReplayReport(target, request.IdempotencyKey, 0, responses, false, [], null, ex.Message);
        }

        var connector = connectors.For(target);
        if (connector is null)
        {
            return new ReplayReport(target, request.IdempotencyKey, 0, responses, false, [], null, $"{target} has no writable connector");
        }

        try
        {
            await pipelines.For(target).ExecuteAsync(async token =>
            {
                Interlocked.Increment(ref attempts);
                try
                {
                    responses.Add((await connector.WriteRecordAsync(record, request.IdempotencyKey, token)).Response);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    responses.Add(ex.Message);
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Replay {IdempotencyKey} into {System} failed after {Attempts} attempt(s): {Reason}", request.IdempotencyKey, target, attempts, ex.Message);
            return new ReplayReport(target, request.IdempotencyKey, attempts, responses, false, [], null, ex.Message);
        }

        OrderRecord? readBack;
        try
        {
            readBack = await connector.ReadRecordAsync(exception.OrderId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ReplayReport(target, request.IdempotencyKey, attempts, responses, false, [], null, $"written, but the read-back failed: {ex.Message}");
        }

        var compared = flows.Exists(exception.Flow) && flows.Options(exception.Flow).Compare.Count > 0 ? flows.Options(exception.Flow).Compare : [.. OrderAttributes.All];
        var differences = RecordDifferences.Between(record, readBack, compared);
        var failure = differences.Count == 0 ? null : $"read-back does not match what was written ({string.Join(", ", differences)})";
        return new ReplayReport(target, request.IdempotencyKey, attempts, responses, differences.Count == 0, differences,
            readBack is null ? null : CanonicalJson.Serialize(readBack), failure);
    }
}
