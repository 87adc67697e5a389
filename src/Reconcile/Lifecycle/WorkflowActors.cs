namespace Reconcile.Lifecycle;

/// <summary>Actors that are not people, as they appear on the audit trail (people appear as their Slack user id).</summary>
public static class WorkflowActors
{
    /// <summary>A reconciliation run: opens, updates, reopens and auto-resolves exceptions.</summary>
    public const string Run = "system:run";

    public const string Sla = "system:sla";

    /// <summary>Finishes a replay whose requester is not known (resumed after a restart).</summary>
    public const string Replay = "system:replay";
}
