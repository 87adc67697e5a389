namespace Reconcile.Slack.Payloads;

/// <summary>A Slack request we cannot understand; the endpoint answers 400 with this message and changes nothing.</summary>
public sealed class SlackPayloadException : Exception
{
    public SlackPayloadException()
    {
    }

    public SlackPayloadException(string message)
        : base(message)
    {
    }

    public SlackPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
