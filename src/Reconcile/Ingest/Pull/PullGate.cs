using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>When a running pull is taken for dead: the wording on it, and how long it may stay silent.</summary>
public static class PullGate
{
    public const string Interrupted = "interrupted: the service running the pull stopped before it ended";

    /// <summary>
    /// Twice the longest one page can take — every attempt timing out, with the retries' backoff (capped) between
    /// them — plus a minute: a pull beats after each page, so one silent for longer than this is gone.
    /// </summary>
    public static TimeSpan SilenceLimit(ConnectorOptions connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var attempts = connector.Retries + 1;
        var backoff = connector.RetryDelay * Math.Pow(2, Math.Min(connector.Retries, 10));
        return (connector.Timeout * attempts + backoff) * 2 + TimeSpan.FromMinutes(1);
    }
}
