namespace Reconcile.Lifecycle;

/// <summary>Actors that are not people, as they appear on the audit trail (people appear as their Slack user id).</summary>
public static class WorkflowActors
{
    /// <summary>A reconciliation run: opens, updates, reopens and auto-resolves exceptions.</summary>
    public const string Run = "system:run";

    public const string Sla = "system:sla";

    /// <summary>Finishes a replay whose requester is not known (resumed after a restart).</summary>
    public const string Replay = "system:replay";

    /// <summary>System-led execution: replays a flow's known patterns itself, and its breaker switches it off.</summary>
    public const string Auto = "system:auto";

    /// <summary>True for every non-person actor (<c>system:*</c>); figures of manual work leave them out.</summary>
    public static bool IsSystem(string actor) => actor.StartsWith("system:", StringComparison.Ordinal);
}
