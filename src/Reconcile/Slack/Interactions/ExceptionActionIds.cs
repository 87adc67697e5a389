namespace Reconcile.Slack.Interactions;

/// <summary>
/// The action_ids of the buttons on an exception message. Stable across releases: messages already
/// in Slack carry them. The button's value is the exception id.
/// </summary>
public static class ExceptionActionIds
{
    public const string Approve = "recon.approve";
    public const string Replay = "recon.replay";
    public const string Escalate = "recon.escalate";

    public static IReadOnlyList<string> All { get; } = [Approve, Replay, Escalate];
}
