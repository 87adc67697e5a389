namespace Reconcile.Workflow;

/// <summary>Where an ephemeral answer to one person goes: the click's response_url, else chat.postEphemeral in a channel.</summary>
public sealed record ReplyTo(string UserId, Uri? ResponseUrl, string? Channel)
{
    public ReplyTo OrChannel(string? channel) => Channel is null ? this with { Channel = channel } : this;
}
