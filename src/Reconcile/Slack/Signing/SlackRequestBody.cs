using System.Text;

namespace Reconcile.Slack.Signing;

/// <summary>The raw bytes of a verified Slack request, kept on the HttpContext for the endpoint to parse.</summary>
public sealed class SlackRequestBody(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public string Text => Encoding.UTF8.GetString(Bytes);

    public static SlackRequestBody From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<SlackRequestBody>()
            ?? throw new InvalidOperationException("The Slack signature filter did not run for this endpoint.");
    }
}
