using System.Text.Json;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;

namespace Reconcile.Workflow;

/// <summary>
/// The lifecycle of DESIGN §5 in one place: which actions each state allows, and what each
/// transition writes — the row (Version + 1, the optimistic-concurrency token), one audit event, the
/// message update and a thread line — all into the caller's DbContext, so one SaveChanges commits
/// them together or not at all.
/// </summary>
public sealed class ExceptionTransitions(AuditLog audit, SlackOutbox outbox, TimeProvider time)
{
    public static readonly string Open = ExceptionState.Open.ToWireName();
    public static readonly string Replaying = ExceptionState.Replaying.ToWireName();
    public static readonly string Escalated = ExceptionState.Escalated.ToWireName();
    public static readonly string Resolved = ExceptionState.Resolved.ToWireName();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Approve, Replay and Escalate all start from open or escalated; nothing starts from replaying or resolved.</summary>
    public static bool Allows(string state, WorkflowAction action) =>
        Enum.IsDefined(action) && (state == Open || state == Escalated);

    public void Approve(ReconcileDbContext db, ExceptionEntity exception, string user, string reason, string correctiveAction)
    {
        var from = Require(exception, WorkflowAction.Approve);
        var now = time.GetUtcNow();
        exception.State = Resolved;
        exception.Resolution = Resolution.Approved.ToWireName();
        exception.ResolvedAt = now;
        exception.ResolvedBy = user;
        Commit(db, exception, user, AuditActions.Approved, from, reason, new { correctiveAction },
            $":white_check_mark: Approved by {WorkflowActors.Display(user)} at {SlackText.Date(now)} — {Quote(reason)} (corrective action: {Quote(correctiveAction)})");
    }

    public void StartReplay(ReconcileDbContext db, ExceptionEntity exception, string user, string target)
    {
        var from = Require(exception, WorkflowAction.Replay);
        exception.State = Replaying;
        Commit(db, exception, user, AuditActions.ReplayStarted, from, null, new { target, idempotencyKey = ReplayKey(exception.Id, exception.Version + 1) },
            $":arrows_counterclockwise: Replay into {SlackText.Escape(target)} started by {WorkflowActors.Display(user)} at {SlackText.Date(time.GetUtcNow())}");
    }

    public void CompleteReplay(ReconcileDbContext db, ExceptionEntity exception, string user, ReplayReport report)
    {
        RequireReplaying(exception);
        var now = time.GetUtcNow();
        exception.State = Resolved;
        exception.Resolution = Resolution.Replayed.ToWireName();
        exception.ResolvedAt = now;
        exception.ResolvedBy = user;
        Commit(db, exception, user, AuditActions.Replayed, Replaying, "replayed and verified by reading the target back", report,
            $":white_check_mark: Replayed into {SlackText.Escape(report.Target)} and verified ({report.Attempts} attempt(s)); requested by {WorkflowActors.Display(user)}");
    }

    public void FailReplay(ReconcileDbContext db, ExceptionEntity exception, string user, string previousState, ReplayReport report)
    {
        RequireReplaying(exception);
        exception.State = previousState == Escalated ? Escalated : Open;
        Commit(db, exception, user, AuditActions.ReplayFailed, Replaying, report.Failure, report,
            $":x: Replay into {SlackText.Escape(report.Target)} failed after {report.Attempts} attempt(s): {Quote(report.Failure ?? "unknown")}. Back to {exception.State}.");
    }

    public void Escalate(ReconcileDbContext db, ExceptionEntity exception, string actor, string toOwner, DateTimeOffset dueAt, string mention, string reason)
    {
        var from = Require(exception, WorkflowAction.Escalate);
        var fromOwner = exception.Owner;
        exception.Owner = toOwner;
        exception.EscalationLevel++;
        exception.SlaDueAt = dueAt;
        exception.State = Escalated;
        Commit(db, exception, actor, AuditActions.Escalated, from, reason,
            new { fromOwner, toOwner, level = exception.EscalationLevel, slaDueAt = dueAt },
            $":arrow_up: Escalated from {SlackText.Escape(fromOwner)} to {SlackText.Escape(toOwner)} {mention} by {WorkflowActors.Display(actor)} ({SlackText.Escape(reason)}); now due {SlackText.Date(dueAt)}");
    }

    /// <summary>An SLA breach with nobody left to escalate to: recorded once, the owner reminded in the thread.</summary>
    public void BreachAtEndOfChain(ReconcileDbContext db, ExceptionEntity exception, string mention)
    {
        ArgumentNullException.ThrowIfNull(exception);
        exception.SlaBreachHandledFor = exception.SlaDueAt;
        Commit(db, exception, WorkflowActors.Sla, AuditActions.SlaBreached, exception.State, "SLA breached at the end of the escalation chain",
            new { owner = exception.Owner, slaDueAt = exception.SlaDueAt },
            $":rotating_light: SLA breached (due {SlackText.Date(exception.SlaDueAt)}) and {SlackText.Escape(exception.Owner)} is the end of the escalation chain. {mention}");
    }

    /// <summary>A refused click is on the record too; the exception itself does not change.</summary>
    public void Deny(ReconcileDbContext db, ExceptionEntity exception, string user, WorkflowAction action, string why)
    {
        ArgumentNullException.ThrowIfNull(exception);
        audit.Record(db, exception.Id, user, AuditActions.Denied, exception.State, exception.State, why,
            JsonSerializer.Serialize(new { attempted = action.ToString().ToLowerInvariant(), owner = exception.Owner }, Json));
    }

    public static string ReplayKey(long exceptionId, int version) => $"exception-{exceptionId}-v{version}";

    private void Commit(ReconcileDbContext db, ExceptionEntity exception, string actor, string action, string from, string? reason, object details, string line)
    {
        exception.Version++;
        audit.Record(db, exception.Id, actor, action, from, exception.State, reason, JsonSerializer.Serialize(details, Json));
        outbox.QueueExceptionChanged(db, exception, line);
    }

    private static string Require(ExceptionEntity exception, WorkflowAction action)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Allows(exception.State, action)
            ? exception.State
            : throw new InvalidOperationException($"Exception {exception.Id} is {exception.State}: {action} is not allowed.");
    }

    private static void RequireReplaying(ExceptionEntity exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.State != Replaying)
        {
            throw new InvalidOperationException($"Exception {exception.Id} is {exception.State}, not replaying.");
        }
    }

    private static string Quote(string text) => "“" + SlackText.Escape(SlackText.Truncate(text, 500)) + "”";
}
