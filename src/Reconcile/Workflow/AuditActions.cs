namespace Reconcile.Workflow;

/// <summary>
/// The audit <c>action</c> names the workflow writes. Reporting counts manual touches from them
/// (approved, replay_started by people), so they are part of the contract.
/// </summary>
public static class AuditActions
{
    public const string Approved = "approved";
    public const string ReplayStarted = "replay_started";
    public const string Replayed = "replayed";
    public const string ReplayFailed = "replay_failed";
    public const string Escalated = "escalated";
    public const string SlaBreached = "sla_breached";
    public const string Denied = "denied";
}
