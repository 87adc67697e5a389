namespace Reconcile.Workflow;

/// <summary>Actors that are not people, as they appear on the audit trail.</summary>
public static class WorkflowActors
{
    public const string Sla = "system:sla";

    /// <summary>Finishes a replay whose requester is not known (resumed after a restart).</summary>
    public const string Replay = "system:replay";

    /// <summary>Slack user ids (U…, W…) become mentions; system actors are shown as written.</summary>
    public static string Display(string? actor) => actor switch
    {
        null or "" => "someone",
        var u when (u[0] == 'U' || u[0] == 'W') && !u.Contains(':', StringComparison.Ordinal) => $"<@{u}>",
        var other => Slack.Blocks.SlackText.Escape(other),
    };
}
