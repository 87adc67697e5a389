using System.Text.Json.Nodes;

namespace Reconcile.Tests.Slack.Fakes;

/// <summary>One request the fake Slack received: the method (or "response_url"), headers, and the body as JSON.</summary>
public sealed record RecordedCall(string Method, string? Authorization, string? ContentType, JsonObject Body, int AnsweredStatus, string? AnsweredTs)
{
    /// <summary>When the request reached the fake, on the fake's own monotonic clock (elapsed since it started).</summary>
    public TimeSpan ReceivedAt { get; init; }

    public string? Text(string property) => Body[property]?.ToString();
}
