using System.Text.Json;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;

namespace Reconcile.Lifecycle;

/// <summary>
/// The exception lifecycle in one place: which actions each state allows, and what every transition
/// writes — open, update, reopen on recurrence and auto-resolve (by a run); approve, replay and
/// escalate (by a person); escalation and breach (by the SLA sweep). Each changes the row (Version + 1,
/// the optimistic-concurrency token, where the row changes state), writes one audit event and returns the
/// facts as an <see cref="ExceptionChange"/>; decisions also tell the <see cref="IExceptionChangeNotifier"/>.
/// Everything goes into the caller's DbContext, so one SaveChanges commits it together or not at all.
/// A transition that the current state does not allow throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class ExceptionTransitions(AuditLog audit, IExceptionChangeNotifier notifier, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Approve, Replay and Escalate all start from open or escalated; nothing starts from replaying or resolved.</summary>
    public static bool Allows(ExceptionState state, WorkflowAction action) =>
        Enum.IsDefined(action) && state is ExceptionState.Open or ExceptionState.Escalated;

    /// <summary>A run's new exception: starts open and joins the caller's unit of work. Audit it with <see cref="RecordOpened"/> once saved.</summary>
    public static void Open(ReconcileDbContext db, ExceptionEntity row)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(row);
        row.State = ExceptionState.Open;
        db.Exceptions.Add(row);
    }

    /// <summary>A run's new exception inserted in bulk by the caller (not tracked): it starts open. Audit it with <see cref="RecordOpened"/> once it has its id.</summary>
    public static void Opening(ExceptionEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        row.State = ExceptionState.Open;
    }

    /// <summary>The <c>opened</c> (or, linked to a resolved predecessor, <c>reopened</c>) event; needs the row's id, so call after the first save.</summary>
    public ExceptionChange RecordOpened(ReconcileDbContext db, ExceptionEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var action = row.PreviousExceptionId is null ? AuditActions.Opened : AuditActions.Reopened;
        var details = JsonSerializer.Serialize(new { row.Fingerprint, row.Expected, row.Actual, row.ValueAtRisk, row.RunId, previousExceptionId = row.PreviousExceptionId });
        audit.Record(db, row.Id, WorkflowActors.Run, action, null, row.State.ToWireName(),
            row.PreviousExceptionId is null ? null : $"recurrence of exception {row.PreviousExceptionId}", details);
        return new ExceptionChange(action, WorkflowActors.Run, row.State, time.GetUtcNow()) { RunId = row.RunId };
    }

    /// <summary>A run saw an unresolved exception again: the counters move, the state and version do not (no audit event: nothing was decided).</summary>
    public static void SeenAgain(ExceptionEntity row, int occurrences, long runId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.State == ExceptionState.Resolved)
        {
            throw new InvalidOperationException($"Exception {row.Id} is resolved: a repeat opens a new exception instead.");
        }

        row.Occurrences = occurrences;
        row.LastSeenAt = now;
        row.RunId = runId;
    }

    /// <summary>A later run found the order reconciled: resolved (auto) by <see cref="WorkflowActors.Run"/>.</summary>
    public ExceptionChange AutoResolve(ReconcileDbContext db, ExceptionEntity exception, long runId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var from = exception.State;
        if (from == ExceptionState.Resolved)
        {
            throw new InvalidOperationException($"Exception {exception.Id} is already resolved.");
        }

        var now = time.GetUtcNow();
        exception.State = ExceptionState.Resolved;
        exception.Resolution = Resolution.Auto;
        exception.ResolvedAt = now;
        exception.ResolvedBy = WorkflowActors.Run;
        exception.Version++;
        audit.Record(db, exception.Id, WorkflowActors.Run, AuditActions.AutoResolved, from.ToWireName(), exception.State.ToWireName(),
            "a later run found the order reconciled", JsonSerializer.Serialize(new { runId }));
        return new ExceptionChange(AuditActions.AutoResolved, WorkflowActors.Run, from, now) { RunId = runId };
    }

    public ExceptionChange Approve(ReconcileDbContext db, ExceptionEntity exception, string user, string reason, string correctiveAction)
    {
        var from = Require(exception, WorkflowAction.Approve);
        var now = time.GetUtcNow();
        exception.State = ExceptionState.Resolved;
        exception.Resolution = Resolution.Approved;
        exception.ResolvedAt = now;
        exception.ResolvedBy = user;
        return Commit(db, exception, new ExceptionChange(AuditActions.Approved, user, from, now) { Reason = reason, CorrectiveAction = correctiveAction },
            new { correctiveAction });
    }

    public ExceptionChange StartReplay(ReconcileDbContext db, ExceptionEntity exception, string user, string target)
    {
        var from = Require(exception, WorkflowAction.Replay);
        exception.State = ExceptionState.Replaying;
        var now = time.GetUtcNow();
        var key = ReplayKey(exception.Id, exception.Version + 1);
        // The attempt and its key commit with the state change, so a replay resumed after a restart sends the same key.
        db.ReplayAttempts.Add(new ReplayAttemptEntity
        {
            ExceptionId = exception.Id, Attempt = db.ReplayAttempts.Count(a => a.ExceptionId == exception.Id) + 1, Version = exception.Version + 1,
            IdempotencyKey = key, Target = target, Actor = user, StartedAt = now,
        });
        return Commit(db, exception, new ExceptionChange(AuditActions.ReplayStarted, user, from, now) { Target = target },
            new { target, idempotencyKey = key });
    }

    public ExceptionChange CompleteReplay(ReconcileDbContext db, ExceptionEntity exception, string user, ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        RequireReplaying(exception);
        var now = time.GetUtcNow();
        exception.State = ExceptionState.Resolved;
        exception.Resolution = Resolution.Replayed;
        exception.ResolvedAt = now;
        exception.ResolvedBy = user;
        return Commit(db, exception, new ExceptionChange(AuditActions.Replayed, user, ExceptionState.Replaying, now)
        {
            Reason = "replayed and verified by reading the target back", Target = report.Target, Attempts = report.Attempts,
        }, report);
    }

    /// <summary>Back to where the replay started from (<paramref name="previousState"/>: escalated stays escalated, anything else is open).</summary>
    public ExceptionChange FailReplay(ReconcileDbContext db, ExceptionEntity exception, string user, ExceptionState previousState, ReplayReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        RequireReplaying(exception);
        exception.State = previousState == ExceptionState.Escalated ? ExceptionState.Escalated : ExceptionState.Open;
        return Commit(db, exception, new ExceptionChange(AuditActions.ReplayFailed, user, ExceptionState.Replaying, time.GetUtcNow())
        {
            Reason = report.Failure, Target = report.Target, Attempts = report.Attempts,
        }, report);
    }

    /// <summary>To the next owner with a new due time; by a person or by the SLA sweep (<see cref="WorkflowActors.Sla"/>).</summary>
    public ExceptionChange Escalate(ReconcileDbContext db, ExceptionEntity exception, string actor, string toOwner, DateTimeOffset dueAt, string reason)
    {
        var from = Require(exception, WorkflowAction.Escalate);
        var fromOwner = exception.Owner;
        exception.Owner = toOwner;
        exception.EscalationLevel++;
        exception.SlaDueAt = dueAt;
        exception.State = ExceptionState.Escalated;
        return Commit(db, exception, new ExceptionChange(AuditActions.Escalated, actor, from, time.GetUtcNow())
        {
            Reason = reason, FromOwner = fromOwner, ToOwner = toOwner, DueAt = dueAt,
        }, new { fromOwner, toOwner, level = exception.EscalationLevel, slaDueAt = dueAt });
    }

    /// <summary>An SLA breach with nobody left to escalate to: recorded once (the state does not change), the owner reminded.</summary>
    public ExceptionChange BreachAtEndOfChain(ReconcileDbContext db, ExceptionEntity exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        exception.SlaBreachHandledFor = exception.SlaDueAt;
        return Commit(db, exception, new ExceptionChange(AuditActions.SlaBreached, WorkflowActors.Sla, exception.State, time.GetUtcNow())
        {
            Reason = "SLA breached at the end of the escalation chain", DueAt = exception.SlaDueAt,
        }, new { owner = exception.Owner, slaDueAt = exception.SlaDueAt });
    }

    /// <summary>A refused click is on the record too; the exception itself does not change.</summary>
    public void Deny(ReconcileDbContext db, ExceptionEntity exception, string user, WorkflowAction action, string why)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var state = exception.State.ToWireName();
        audit.Record(db, exception.Id, user, AuditActions.Denied, state, state, why,
            JsonSerializer.Serialize(new { attempted = action.ToString().ToLowerInvariant(), owner = exception.Owner }, Json));
    }

    /// <summary>Shadow automation's decision, on the record: the exception itself does not change and nobody is told.</summary>
    public void RecordWouldReplay(ReconcileDbContext db, ExceptionEntity exception, string rule, long? runId)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var state = exception.State.ToWireName();
        audit.Record(db, exception.Id, WorkflowActors.Auto, AuditActions.WouldReplay, state, state,
            $"Shadow: automation would replay this into {exception.System} (rule {rule}); nothing was written",
            JsonSerializer.Serialize(new { rule, target = exception.System, runId }, Json));
    }

    /// <summary>
    /// A replay linked to the approval <paramref name="approvalEventId"/>: started (<paramref name="report"/> null) or
    /// finished. The exception stays resolved (approved) either way; only the trail records it.
    /// </summary>
    public void RecordLinkedReplay(ReconcileDbContext db, ExceptionEntity exception, string user, long approvalEventId, string idempotencyKey, ReplayReport? report)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var state = exception.State.ToWireName();
        var action = report is null ? AuditActions.LinkedReplayStarted : report.Verified ? AuditActions.LinkedReplayed : AuditActions.LinkedReplayFailed;
        var reason = report is null ? $"replay into {exception.System} linked to approval event {approvalEventId}"
            : report.Verified ? "replayed after the approval and verified by reading the target back" : report.Failure;
        audit.Record(db, exception.Id, user, action, state, state, reason,
            JsonSerializer.Serialize(new { approvalEventId, target = exception.System, idempotencyKey, report }, Json));
    }

    /// <summary>The idempotency key a target system sees for one replay: the exception and the version being replayed.</summary>
    public static string ReplayKey(long exceptionId, int version) => $"exception-{exceptionId}-v{version}";

    private ExceptionChange Commit(ReconcileDbContext db, ExceptionEntity exception, ExceptionChange change, object details)
    {
        exception.Version++;
        audit.Record(db, exception.Id, change.Actor, change.Action, change.From.ToWireName(), exception.State.ToWireName(), change.Reason,
            JsonSerializer.Serialize(details, Json));
        notifier.Changed(db, exception, change);
        return change;
    }

    private static ExceptionState Require(ExceptionEntity exception, WorkflowAction action)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Allows(exception.State, action)
            ? exception.State
            : throw new InvalidOperationException($"Exception {exception.Id} is {exception.State.ToWireName()}: {action} is not allowed.");
    }

    private static void RequireReplaying(ExceptionEntity exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.State != ExceptionState.Replaying)
        {
            throw new InvalidOperationException($"Exception {exception.Id} is {exception.State.ToWireName()}, not replaying.");
        }
    }
}
