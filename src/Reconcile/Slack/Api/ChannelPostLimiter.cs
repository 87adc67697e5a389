using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Reconcile.Slack.Api;

/// <summary>
/// Keeps chat.postMessage to one call per <see cref="SlackOptions.ChannelPostInterval"/> per channel,
/// Slack's documented pace. The interval counts from the later of the previous turn and Slack's answer to
/// it (<see cref="Answered"/>), so a post delayed on its way never lands closer than the interval to the next.
/// It measures elapsed time with the monotonic clock: this is a real wait on a real server, not business time.
/// With several replicas, each turn is also reserved in the <c>shared</c> turns, so the pace holds across
/// the deployment.
/// </summary>
public sealed class ChannelPostLimiter(IOptions<SlackOptions> options, IChannelTurns? shared = null)
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

            if (shared is not null)
            {
                var turn = await shared.ReserveAsync(channel, interval, cancellationToken);
                if (turn > TimeSpan.Zero)
                {
                    await Task.Delay(turn, cancellationToken);
                }
            }

            _lastPost[channel] = Stopwatch.GetTimestamp();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Slack answered the channel's last post (or the call failed): the next turn counts from now.</summary>
    public void Answered(string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        _lastPost[channel] = Stopwatch.GetTimestamp();
    }
}
