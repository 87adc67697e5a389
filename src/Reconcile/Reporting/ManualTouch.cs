namespace Reconcile.Reporting;

/// <summary>An approval or replay by a person (not a <c>system:</c> actor), from the audit trail.</summary>
public sealed record ManualTouch(long AuditId, long ExceptionId, string Flow, string OrderId, string Type, string Action, string Actor, DateTimeOffset At, DateTimeOffset ExceptionCreatedAt, string? Reason)
{
    public TimeSpan HandlingTime => At - ExceptionCreatedAt;
}
