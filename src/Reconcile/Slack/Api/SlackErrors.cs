using System.Net;

namespace Reconcile.Slack.Api;

/// <summary>Which Slack failures are worth retrying; everything else is a configuration or payload problem.</summary>
public static class SlackErrors
{
    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        "internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited", "rate_limited",

        // The channel has had too many messages lately (chat.postMessage reference): waiting lets it through.
        "message_limit_exceeded",
    };

    public static bool IsTransient(SlackApiResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Ok)
        {
            return false;
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests
            || response.StatusCode == HttpStatusCode.RequestTimeout
            || (int)response.StatusCode >= 500
            || (response.Error is { } error && Transient.Contains(error));
    }
}
