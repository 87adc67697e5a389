namespace Reconcile.Slack.Outbox;

/// <summary>Where a row goes once its dependencies are known: channel, thread, or the ts to update.</summary>
internal sealed record OutboxTarget(string? Channel, string? ThreadTs = null, string? Ts = null, bool Wait = false, string? Failure = null)
{
    public static OutboxTarget Waiting { get; } = new(null, Wait: true);

    public static OutboxTarget Failed(string reason) => new(null, Failure: reason);
}
