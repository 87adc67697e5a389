using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation.Connectors;
using Reconcile.Topology;
using Reconcile.Workflow;

namespace Reconcile.Automation;

/// <summary>
/// One Live automatic replay: claim (the attempt row and the move to replaying, in one save), replay through
/// <see cref="ReplayExecutor"/> exactly as the Replay button's job does with actor <c>system:auto</c>, then record
/// the outcome on the attempt and, when it did not verify, on the exception's diagnostics for its owner.
/// </summary>
public sealed class AutomationAttempt(
    ReconcileDbContext db, ExceptionTransitions transitions, ReplayExecutor executor, RecordConnectors connectors, TimeProvider time, ILogger<AutomationAttempt> logger)
{
    /// <summary>The diagnostics key the owner's message shows what automation did under.</summary>
    public const string DiagnosticsKey = "automation";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// Tries the exception once; returns the attempt's status (verified or failed), or null when it was not tried
    /// (claimed elsewhere, moved on, or left replaying by a cancelled replay: settled later).
    /// </summary>
    public async Task<string?> TryAsync(ExceptionEntity candidate, AutomationRuleOptions rule, long runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(rule);
        var exception = await db.Exceptions.SingleAsync(e => e.Id == candidate.Id, cancellationToken);
        if (!ExceptionTransitions.Allows(exception.State, WorkflowAction.Replay))
        {
            return null;
        }

        var row = new AutomationAttemptEntity
        {
            ExceptionId = exception.Id, Flow = exception.Flow, Rule = rule.Name, Mode = AutomationAttemptStatus.LiveMode,
            Status = AutomationAttemptStatus.Replaying, RunId = runId, StartedAt = time.GetUtcNow(),
        };
        db.AutomationAttempts.Add(row);
        var previous = exception.State;
        var why = AuthoritativeRecord.WhyNotReplayable(exception, connectors.For(exception.System) is not null);
        if (why is null)
        {
            transitions.StartReplay(db, exception, WorkflowActors.Auto, exception.System);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique claim (another replica) or the row's version (a person acted first): not ours to try.
            db.ChangeTracker.Clear();
            return null;
        }

        db.ChangeTracker.Clear();
        if (why is not null)
        {
            // Configuration said the target is writable, but it is not now (e.g. its connector kind has no writer yet).
            return await FinishAsync(row.Id, exception.Id, verified: false, why, cancellationToken);
        }

        await executor.RunAsync(new ReplayRequest(exception.Id, exception.Version, previous.ToWireName(), WorkflowActors.Auto), cancellationToken);
        db.ChangeTracker.Clear();
        return await SettleOneAsync(row.Id, cancellationToken);
    }

    /// <summary>Live attempts a restart (or a cancelled job) left replaying whose exception has since moved on: outcome recorded now.</summary>
    public async Task SettleAsync(string flow, CancellationToken cancellationToken)
    {
        var open = await db.AutomationAttempts.AsNoTracking()
            .Where(a => a.Flow == flow && a.Mode == AutomationAttemptStatus.LiveMode && a.Status == AutomationAttemptStatus.Replaying)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var id in open)
        {
            await SettleOneAsync(id, cancellationToken);
        }
    }

    private async Task<string?> SettleOneAsync(long attemptId, CancellationToken cancellationToken)
    {
        var row = await db.AutomationAttempts.AsNoTracking().SingleAsync(a => a.Id == attemptId, cancellationToken);
        var exception = await db.Exceptions.AsNoTracking().SingleAsync(e => e.Id == row.ExceptionId, cancellationToken);
        if (exception.State == ExceptionState.Replaying)
        {
            return null;
        }

        var last = await db.AuditEvents.AsNoTracking()
            .Where(a => a.ExceptionId == exception.Id && a.Actor == WorkflowActors.Auto && (a.Action == AuditActions.Replayed || a.Action == AuditActions.ReplayFailed))
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        var verified = exception.State == ExceptionState.Resolved && exception.Resolution == Resolution.Replayed && exception.ResolvedBy == WorkflowActors.Auto;
        return await FinishAsync(attemptId, exception.Id, verified, Answer(last), cancellationToken);
    }

    private async Task<string> FinishAsync(long attemptId, long exceptionId, bool verified, string outcome, CancellationToken cancellationToken)
    {
        var row = await db.AutomationAttempts.SingleAsync(a => a.Id == attemptId, cancellationToken);
        var now = time.GetUtcNow();
        row.Status = verified ? AutomationAttemptStatus.Verified : AutomationAttemptStatus.Failed;
        row.EndedAt = now;
        row.Outcome = outcome.Length > 2000 ? outcome[..2000] : outcome;
        if (!verified)
        {
            var exception = await db.Exceptions.SingleAsync(e => e.Id == exceptionId, cancellationToken);
            var note = string.Create(CultureInfo.InvariantCulture,
                $"Automation ({WorkflowActors.Auto}, rule {row.Rule}) tried to replay this into {exception.System} at {row.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; it did not verify. {outcome}");
            exception.Diagnostics = WithAutomationNote(exception.Diagnostics, note);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Automatic replay of exception {ExceptionId}: {Status}", exceptionId, row.Status);
        return row.Status;
    }

    /// <summary>What the target answered, from the replay's audit event: the failure and the last response.</summary>
    private static string Answer(AuditEventEntity? outcome)
    {
        if (outcome?.Details is not { } details)
        {
            return "No outcome was recorded.";
        }

        var report = JsonSerializer.Deserialize<ReplayReport>(details, Json);
        var answered = report?.Responses.Count > 0 ? $" The target answered: {report.Responses[^1]}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{report?.Attempts ?? 0} attempt(s): {outcome.Reason ?? "verified"}.{answered}");
    }

    /// <summary>The exception's diagnostics with <paramref name="note"/> under <see cref="DiagnosticsKey"/> (diagnostics that are not an object are wrapped).</summary>
    public static string WithAutomationNote(string diagnostics, string note)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(string.IsNullOrWhiteSpace(diagnostics) ? "{}" : diagnostics) as JsonObject ?? new JsonObject { ["diagnostics"] = diagnostics };
        }
        catch (JsonException)
        {
            root = new JsonObject { ["diagnostics"] = diagnostics };
        }

        root[DiagnosticsKey] = note;
        return root.ToJsonString();
    }
}
