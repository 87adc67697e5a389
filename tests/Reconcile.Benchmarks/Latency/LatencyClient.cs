namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// The driver's HTTP client: connections pooled without a cap (an open loop needs one per request in flight), no
/// proxy and no credentials: webhooks and Slack requests authenticate by their signatures, as real senders do
/// (<see cref="RunKeeper"/> adds the admin token to the run routes).
/// </summary>
internal static class LatencyClient
{
    public static HttpClient Create(Uri address)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return new HttpClient(handler) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    }
}
