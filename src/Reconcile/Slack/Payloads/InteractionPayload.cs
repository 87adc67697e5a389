namespace Reconcile.Slack.Payloads;

/// <summary>The kinds of interaction Reconcile understands; see <see cref="InteractionParser"/>.</summary>
public abstract record InteractionPayload
{
    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";
}
