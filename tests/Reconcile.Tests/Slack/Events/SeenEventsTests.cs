using Reconcile.Slack.Events;

namespace Reconcile.Tests.Slack.Events;

public sealed class SeenEventsTests
{
    [Fact]
    public void An_event_id_is_new_only_once()
    {
        var seen = new SeenEvents();

        Assert.True(seen.TryAdd("Ev1"));
        Assert.False(seen.TryAdd("Ev1"));
        Assert.True(seen.TryAdd("Ev2"));
    }

    [Fact]
    public void Old_ids_are_forgotten_so_memory_stays_bounded()
    {
        var seen = new SeenEvents();
        seen.TryAdd("first");
        for (var i = 0; i < 10_001; i++)
        {
            seen.TryAdd("Ev" + i);
        }

        Assert.True(seen.TryAdd("first"));
    }
}
