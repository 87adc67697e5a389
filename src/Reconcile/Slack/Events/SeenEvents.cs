using System.Collections.Concurrent;

namespace Reconcile.Slack.Events;

/// <summary>
/// Remembers recent event_ids so Slack's retries (X-Slack-Retry-Num) of an event we already took
/// are acknowledged without being processed again. Bounded: the oldest ids are forgotten first.
/// </summary>
public sealed class SeenEvents
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>True the first time an id is seen.</summary>
    public bool TryAdd(string eventId)
    {
        if (!_ids.TryAdd(eventId, 0))
        {
            return false;
        }

        _order.Enqueue(eventId);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _ids.TryRemove(oldest, out _);
        }

        return true;
    }
}
