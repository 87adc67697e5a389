using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Slack.Api;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack.Outbox;

/// <summary>
/// A post whose answer we never recorded — Slack posted and then failed or stalled, or the process died
/// mid-call — is looked up in the channel before it is sent again: posted once, recovered in seconds.
/// </summary>
public sealed class OutboxCrashRecoveryTests
{
    public static TheoryData<string> FailuresAfterPosting() => ["500", "stall"];

    [Theory]
    [MemberData(nameof(FailuresAfterPosting))]
    public async Task A_message_Slack_posted_before_failing_is_found_in_the_channel_and_not_posted_again(string failure)
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.PostedThen(failure == "500" ? FakeReply.ServerError() : FakeReply.Slow(TimeSpan.FromSeconds(10))));
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Slack:RequestTimeout"] = "00:00:00.500" });

        var opened = await SlackTestHost.OpenAsync(factory, TestExceptions.Open("1042"));

        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.AllAsync(o => o.Status == OutboxStatus.Sent)));
        await Task.Delay(300);
        var held = Assert.Single(fake.Held("C0CRM"));
        Assert.Equal(MessageMark.EventType, held.Metadata!["event_type"]!.ToString());
        var row = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.SingleAsync());
        Assert.Equal((held.Ts, null), (row.ResultTs, row.LastError));
        Assert.Equal(held.Ts, (await SlackTestHost.QueryAsync(factory, db => db.Exceptions.SingleAsync(e => e.Id == opened[0].Id))).SlackTs);
        Assert.NotEmpty(fake.Calls("conversations.history"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_post_in_flight_when_the_process_stopped_is_settled_within_seconds_of_the_restart_and_held_once(bool slackPostedIt)
    {
        var directory = TestDirectory.Create();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "shared.db")}",
                ["Slack:RequestTimeout"] = "00:01:00",
            };
            await using var fake = await FakeSlackApi.StartAsync();
            var stall = FakeReply.Slow(TimeSpan.FromMinutes(2));
            fake.Script("chat.postMessage", slackPostedIt ? FakeReply.PostedThen(stall) : stall);
            using (var before = SlackTestHost.Create(fake, settings))
            {
                await SlackTestHost.OpenAsync(before, TestExceptions.Open("1042"));
                await SlackTestHost.WaitUntilAsync(() => Task.FromResult(fake.Received("chat.postMessage") == 1)); // the call is with Slack now
                Assert.All(await SlackTestHost.QueryAsync(before, db => db.SlackOutbox.ToListAsync()), o => Assert.StartsWith("in_flight:", o.LastError, StringComparison.Ordinal));
            }

            using var after = SlackTestHost.Create(fake, settings);
            var restarted = System.Diagnostics.Stopwatch.StartNew();
            _ = after.Services; // starts the host; the row's 5-minute lease has not run out (time stands still here)

            await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(after, db => db.SlackOutbox.AllAsync(o => o.Status == OutboxStatus.Sent)), timeoutSeconds: 10);
            Assert.True(restarted.Elapsed < TimeSpan.FromSeconds(5), $"settled {restarted.Elapsed.TotalSeconds:F1} s after the restart");
            await Task.Delay(300);
            var held = Assert.Single(fake.Held("C0CRM"));
            var row = await SlackTestHost.QueryAsync(after, db => db.SlackOutbox.SingleAsync());
            Assert.Equal((OutboxStatus.Sent, held.Ts), (row.Status, row.ResultTs));
        }
        finally
        {
            TestDirectory.TryDelete(directory);
        }
    }
}
