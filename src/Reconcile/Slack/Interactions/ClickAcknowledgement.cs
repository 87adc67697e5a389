namespace Reconcile.Slack.Interactions;

/// <summary>
/// When a button's click is acknowledged, registered per action_id beside its handler
/// (<see cref="SlackHandlers.AddBlockActionHandler{THandler}"/>).
/// <see cref="AtOnce"/> suits a button that only reads and opens a view (Details, Approve's reason modal): losing such a
/// click changes nothing, and views.open takes Slack's own time, which the acknowledgement should not wait for.
/// A button that decides something (Escalate, Replay) is acknowledged once the click is saved in the
/// <see cref="ClickInbox"/> (or, without one, once its decision is saved, within <see cref="SlackOptions.InteractionAckBudget"/>):
/// Slack does not send a click twice, so an acknowledgement before either could lose the decision to a crash without
/// the user seeing an error.
/// </summary>
/// <param name="AtOnce">True to answer Slack before the handler runs; false to wait for it within the budget.</param>
public sealed record ClickAcknowledgement(bool AtOnce)
{
    /// <summary>Acknowledged before the handler runs; the handler tells the user privately if it fails.</summary>
    public static readonly ClickAcknowledgement Immediate = new(true);

    /// <summary>Acknowledged once saved in the click inbox, or without one once the handler is done or the budget is spent.</summary>
    public static readonly ClickAcknowledgement AfterDecision = new(false);
}
