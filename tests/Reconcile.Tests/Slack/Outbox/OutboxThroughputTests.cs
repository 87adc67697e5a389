using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack.Outbox;

/// <summary>Channels are delivered in parallel, each at Slack's pace of one message per second.</summary>
public sealed class OutboxThroughputTests
{
    [Fact]
    public async Task Sixty_exceptions_over_three_channels_are_all_posted_within_25_seconds_at_one_per_second_per_channel()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?>
        {
            ["Slack:ChannelPostInterval"] = "00:00:01", ["Slack:MaxMessagesPerRun"] = "20",
        });
        string[] owners = ["crm-owner", "finance-ops", "campaign-ops"];
        var exceptions = Enumerable.Range(0, 60).Select(i => TestExceptions.Open($"9{i:D3}", owner: owners[i % 3])).ToArray();

        var started = fake.Now;
        await SlackTestHost.OpenAsync(factory, exceptions);

        var posts = await fake.WaitForAsync("chat.postMessage", 60, timeoutSeconds: 40);
        var last = posts.Max(p => p.ReceivedAt) - started;
        Assert.True(last <= TimeSpan.FromSeconds(25), $"the 60th message reached Slack {last.TotalSeconds:F1} s after the run");
        Assert.Equal(60, posts.Select(p => p.Text("text")!.Split("order ")[1].Split(' ')[0]).Distinct(StringComparer.Ordinal).Count());
        var byChannel = posts.GroupBy(p => p.Text("channel")!).ToDictionary(g => g.Key, g => g.OrderBy(p => p.ReceivedAt).ToList(), StringComparer.Ordinal);
        Assert.Equal(["C0CAMP", "C0CRM", "C0FIN"], byChannel.Keys.Order(StringComparer.Ordinal));
        foreach (var (channel, channelPosts) in byChannel)
        {
            Assert.Equal(20, channelPosts.Count);
            // Each channel starts at once rather than after the others: they run side by side.
            Assert.True(channelPosts[0].ReceivedAt - started < TimeSpan.FromSeconds(5), $"{channel} started only after {(channelPosts[0].ReceivedAt - started).TotalSeconds:F1} s");
            // One second between arrivals at Slack (less a few ms of timer granularity), whatever the latency on the way.
            var gaps = channelPosts.Zip(channelPosts.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt).ToList();
            Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(990), $"{channel}: two posts only {gap.TotalMilliseconds:F0} ms apart"));
        }

        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.AllAsync(o => o.Status == OutboxStatus.Sent)));
        Assert.Equal(60, fake.Calls("chat.postMessage").Count);
    }
}
