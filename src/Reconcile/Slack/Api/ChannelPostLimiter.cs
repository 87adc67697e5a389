using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Reconcile.Slack.Api;

/// <summary>
/// Keeps chat.postMessage to one call per <see cref="SlackOptions.ChannelPostInterval"/> per channel,
/// Slack's documented pace. It measures elapsed time with the monotonic clock: this is a real
/// wait on a real server, not business time.
/// </summary>
public sealed class ChannelPostLimiter(IOptions<SlackOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lastPost = new(StringComparer.Ordinal);

    public async Task WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var gate = _gates.GetOrAdd(channel, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var interval = options.Value.ChannelPostInterval;
            if (_lastPost.TryGetValue(channel, out var last))
            {
                var wait = interval - Stopwatch.GetElapsedTime(last);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }

            _lastPost[channel] = Stopwatch.GetTimestamp();
        }
        finally
        {
            gate.Release();
        }
    }
}
