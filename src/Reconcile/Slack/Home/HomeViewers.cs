using System.Collections.Concurrent;

namespace Reconcile.Slack.Home;

/// <summary>
/// Who has opened Reconcile's Home tab lately (in this process), so their tab is published again when their
/// exceptions change. Bounded: someone who has not looked for a day is forgotten, and opening the tab again
/// publishes it fresh anyway.
/// </summary>
public sealed class HomeViewers(TimeProvider time)
{
    private static readonly TimeSpan Forget = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public void Opened(string userId) => _seen[userId] = time.GetUtcNow();

    public IReadOnlyList<string> Recent()
    {
        var cutoff = time.GetUtcNow() - Forget;
        foreach (var stale in _seen.Where(v => v.Value < cutoff).Select(v => v.Key).ToList())
        {
            _seen.TryRemove(stale, out _);
        }

        return [.. _seen.Keys];
    }
}
