using System.Diagnostics;
using Microsoft.Extensions.Options;
using Reconcile.Slack;
using Reconcile.Slack.Api;

namespace Reconcile.Tests.Slack.Api;

public sealed class ChannelPostLimiterTests
{
    private readonly ChannelPostLimiter _limiter = new(Options.Create(new SlackOptions { ChannelPostInterval = TimeSpan.FromMilliseconds(300) }));

    [Fact]
    public async Task Posts_to_one_channel_are_spaced_by_the_interval()
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            await _limiter.WaitTurnAsync("C1", CancellationToken.None);
        }

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(590), $"three posts took only {clock.Elapsed}");
    }

    [Fact]
    public async Task Different_channels_do_not_wait_for_each_other()
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _limiter.WaitTurnAsync("C" + i, CancellationToken.None)));

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(900), $"five channels took {clock.Elapsed}");
    }
}
