using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Records;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation;
using Reconcile.Reconciliation.Connectors;
using Reconcile.Topology;

namespace Reconcile.Workflow;

/// <summary>
/// The slow half of a replay, outside any database transaction: write the authoritative record to the target
/// through its connector with the replay attempt's persisted idempotency key (retried once, either by the
/// connector's own HTTP pipeline or by <see cref="ReplayPipelines"/>, never both), read it back and compare; then
/// one transition — resolved (replayed), or back where it was with the failure, attempts and the target's answers
/// on the audit trail and in the thread. The attempt row records when the write was acknowledged and how it ended.
/// </summary>
public sealed class ReplayExecutor(
    ReconcileDbContext db, AuthoritativeRecord authoritative, RecordConnectors connectors, ReplayPipelines pipelines,
    ExceptionTransitions transitions, FlowCatalog flows, TimeProvider time, ILogger<ReplayExecutor> logger)
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

        var attempt = await AttemptAsync(exception, request, cancellationToken);
        var report = await ReplayAsync(exception, attempt, cancellationToken);
        var row = await db.Exceptions.SingleAsync(e => e.Id == request.ExceptionId, cancellationToken);
        if (row.State != ExceptionState.Replaying || row.Version != request.Version)
        {
            logger.LogWarning("Replay {IdempotencyKey} finished but the exception changed meanwhile; outcome not applied", request.IdempotencyKey);
            return;
        }

        attempt.FinishedAt = time.GetUtcNow();
        attempt.Outcome = report.Verified ? "replayed" : "failed";
        attempt.Failure = report.Failure is { Length: > 2000 } text ? text[..2000] : report.Failure;
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
    /// already resolved). Same connector, pipeline and read-back check as the button, with its own persisted attempt;
    /// the key is the exception's current version (<see cref="ExceptionTransitions.ReplayKey"/>), so a repeat of the
    /// same link reuses the attempt and its key and is applied at most once.
    /// </summary>
    public async Task<ReplayReport> WriteAndVerifyAsync(ExceptionEntity exception, string requestedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var request = new ReplayRequest(exception.Id, exception.Version, exception.State.ToWireName(), requestedBy);
        var attempt = await AttemptAsync(exception, request, cancellationToken);
        var report = await ReplayAsync(exception, attempt, cancellationToken);
        attempt.FinishedAt = time.GetUtcNow();
        attempt.Outcome = report.Verified ? "replayed" : "failed";
        attempt.Failure = report.Failure is { Length: > 2000 } text ? text[..2000] : report.Failure;
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    /// <summary>The attempt saved when the replay started (a replay started before attempts were saved gets one now, same key).</summary>
    private async Task<ReplayAttemptEntity> AttemptAsync(ExceptionEntity exception, ReplayRequest request, CancellationToken cancellationToken)
    {
        if (await db.ReplayAttempts.SingleOrDefaultAsync(a => a.IdempotencyKey == request.IdempotencyKey, cancellationToken) is { } saved)
        {
            return saved;
        }

        var attempt = new ReplayAttemptEntity
        {
            ExceptionId = exception.Id, Version = request.Version, IdempotencyKey = request.IdempotencyKey, Target = exception.System,
            Actor = request.RequestedBy, StartedAt = time.GetUtcNow(),
            Attempt = await db.ReplayAttempts.CountAsync(a => a.ExceptionId == exception.Id, cancellationToken) + 1,
        };
        db.ReplayAttempts.Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        return attempt;
    }

    private async Task<ReplayReport> ReplayAsync(ExceptionEntity exception, ReplayAttemptEntity attempt, CancellationToken cancellationToken)
    {
        var (target, key) = (exception.System, attempt.IdempotencyKey);
        var responses = new List<string>();
        ReplayReport Failed(int attempts, string failure) => new(target, key, attempts, responses, false, [], null, failure);
        OrderRecord record;
        bool create;
        try
        {
            record = await authoritative.BuildAsync(exception, cancellationToken);
            create = !await db.Records.AnyAsync(r => r.System == target && r.OrderId == exception.OrderId && !r.Quarantined, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whatever went wrong, the exception must leave "replaying" with the failure on record.
            return Failed(0, ex.Message);
        }

        if (connectors.For(target) is not { } connector)
        {
            return Failed(0, $"{target} has no writable connector");
        }

        var fields = ReplayFields.For(exception, flows);
        if (connector.WhyCannotWrite(fields, create) is { } why)
        {
            return Failed(0, why);
        }

        var (attempts, written) = (0, (ConnectorWriteResult?)null);
        try
        {
            var write = new ConnectorWrite(record, fields, create, key);
            async ValueTask WriteAsync(CancellationToken token)
            {
                Interlocked.Increment(ref attempts);
                try
                {
                    written = await connector.WriteRecordAsync(write, token);
                    responses.Add(written.Response);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    responses.Add(ex.Message);
                    throw;
                }
            }

            // The HTTP connector's pipeline already retries (same request, same key): retrying here too would multiply the tries.
            await (connector.RetriesItself ? WriteAsync(cancellationToken) : pipelines.For(target).ExecuteAsync(WriteAsync, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Replay {IdempotencyKey} into {System} failed after {Attempts} attempt(s): {Reason}", key, target, attempts, ex.Message);
            return Failed(attempts, ex.Message);
        }

        attempt.WrittenAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        OrderRecord? readBack;
        try
        {
            readBack = await connector.ReadRecordAsync(exception.OrderId, record.ExternalId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Failed(attempts, $"written, but the read-back failed: {ex.Message}");
        }

        var differences = RecordDifferences.Between(record, readBack, written?.Fields?.Where(OrderAttributesContain) ?? fields);
        var failure = differences.Count == 0 ? null
            : $"read-back does not match what was written ({string.Join(", ", differences)}); {target} answered the write with {responses[^1]}";
        return new ReplayReport(target, key, attempts, responses, differences.Count == 0, differences,
            readBack is null ? null : CanonicalJson.Serialize(readBack), failure);
    }

    private static bool OrderAttributesContain(string field) => Engine.Flows.OrderAttributes.All.Contains(field);
}
