using Reconcile.Data;
using Reconcile.Slack.Api;
using Reconcile.Slack.Outbox;
using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Events;

/// <summary>
/// <c>member_joined_channel</c> for the bot itself — someone followed the "/invite @Reconcile" fix — sends that
/// channel's refused posts again. Anyone else joining a channel changes nothing. Source: Slack's
/// member_joined_channel event reference (fields <c>user</c>, <c>channel</c>; scopes channels:read, groups:read).
/// </summary>
public sealed class MemberJoinedChannelHandler(BotIdentity bot, OutboxRetries retries, ReconcileDbContext db, ILogger<MemberJoinedChannelHandler> logger) : ISlackEventListener
{
    public const string Type = "member_joined_channel";

    public string EventType => Type;

    public async Task HandleAsync(SlackEventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var user = envelope.EventField("user");
        var channel = envelope.EventField("channel");
        if (user is null || channel is null)
        {
            logger.LogWarning("member_joined_channel without user or channel ({EventId}); ignored", envelope.EventId);
            return;
        }

        var botUser = envelope.BotUserId ?? await bot.UserIdAsync(cancellationToken);
        if (!string.Equals(user, botUser, StringComparison.Ordinal))
        {
            return;
        }

        var count = await retries.RequeueRefusedAsync(db, channel, "slack:member_joined_channel", cancellationToken);
        logger.LogInformation("Reconcile was added to {Channel}; {Count} refused post(s) re-queued", channel, count);
    }
}
