using System.Diagnostics;
using Reconcile.Tests.Slack.Fakes;
using Xunit.Abstractions;

namespace Reconcile.Tests.Reliability;

/// <summary>
/// A Slack that fails 30% of posts — before posting (500, or a stall past the client's timeout, with
/// nothing posted) or after posting (the message is in the channel, the answer is a 500 or never comes):
/// every exception reaches its channel exactly once.
/// </summary>
[Collection(ServiceProcessTests.Name)]
public sealed class FlakySlackTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Slack_failing_a_third_of_posts_loses_nothing_and_duplicates_nothing(bool failsAfterPosting)
    {
        await using var rig = await ReliabilityRig.CreateAsync();
        var random = new Random(failsAfterPosting ? 31 : 30);
        var failures = 0;
        rig.Slack.Default("chat.postMessage", () =>
        {
            lock (random)
            {
                if (random.NextDouble() >= 0.3)
                {
                    return FakeReply.Ok();
                }

                failures++;
                var failure = random.Next(2) == 0 ? FakeReply.ServerError() : FakeReply.Slow(TimeSpan.FromSeconds(3));
                return failsAfterPosting ? FakeReply.PostedThen(failure) : failure;
            }
        });
        await rig.SimulateAsync(1200, 13);
        await rig.StartAsync();

        var clock = Stopwatch.StartNew();
        Assert.Equal("completed", (await rig.WaitForRunAsync(await rig.StartRunAsync())).GetProperty("status").GetString());
        await CrashTests.WaitUntilAsync(() => rig.Count("SELECT COUNT(*) FROM slack_outbox WHERE Status = 'pending'") == 0, 180);
        var delivered = clock.Elapsed;
        await Task.Delay(500);

        var delivery = Delivery.Of(rig);
        output.WriteLine($"Slack failing 30% {(failsAfterPosting ? "after" : "before")} posting: {failures} of {rig.Slack.Received("chat.postMessage")} calls failed; {delivery}; run and delivery took {delivered.TotalSeconds:F1} s");
        Assert.True(failures > 0);
        Assert.True(delivery.Posts >= 30, delivery.ToString());
        Assert.Equal((0, 0, 0), (delivery.Lost, delivery.Duplicated, delivery.WithoutTs));
        Assert.Equal(0, rig.Count("SELECT COUNT(*) FROM slack_outbox WHERE Status = 'failed'"));
        rig.AssertNoSecretInLog();
    }
}
