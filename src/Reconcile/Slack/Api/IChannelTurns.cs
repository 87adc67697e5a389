namespace Reconcile.Slack.Api;

/// <summary>
/// Turns to post in a channel shared by every replica, so Slack's pace of about one message per second per
/// channel holds for the whole deployment, not for each process.
/// </summary>
public interface IChannelTurns
{
    /// <summary>
    /// Reserves the channel's next turn, at least <paramref name="interval"/> after the previous reservation by any
    /// replica, and returns how long to wait for it (zero or negative: now).
    /// </summary>
    Task<TimeSpan> ReserveAsync(string channel, TimeSpan interval, CancellationToken cancellationToken);
}
