namespace Reconcile.Slack.Api;

/// <summary>A Web API call that failed after the resilience pipeline gave up (or was never worth retrying).</summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException()
    {
    }

    public SlackApiException(string message)
        : base(message)
    {
    }

    public SlackApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SlackApiException(string method, string error, bool transient, IReadOnlyList<string> details, Exception? innerException = null)
        : base($"Slack {method} failed: {error}", innerException)
    {
        Method = method;
        Error = error;
        IsTransient = transient;
        Details = details;
    }

    public string Method { get; } = "";
    public string Error { get; } = "unknown";

    /// <summary>True for rate limits, 5xx, timeouts and Slack's transient error codes: try again later.</summary>
    public bool IsTransient { get; }

    public IReadOnlyList<string> Details { get; } = [];
}
