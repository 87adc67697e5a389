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

    /// <summary>The decision buttons, in the order they appear.</summary>
    public static IReadOnlyList<string> All { get; } = [Approve, Replay, Escalate];

    /// <summary>Opens the evidence modal (<see cref="Blocks.DetailsModal"/>); decides nothing.</summary>
    public const string Details = "recon.details";
}
