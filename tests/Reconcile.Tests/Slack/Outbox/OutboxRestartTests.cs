using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack.Outbox;

public sealed class OutboxRestartTests
{
    [Fact]
    public async Task Rows_pending_when_the_process_stops_are_delivered_once_after_a_restart()
    {
        var directory = TestDirectory.Create();
        try
        {
            var database = new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "shared.db")}",
                ["Slack:MaxRetries"] = "0",
            };

            await using (var down = await FakeSlackApi.StartAsync())
            {
                down.Script("chat.postMessage", [.. Enumerable.Repeat(FakeReply.ServerError(503), 100)]);
                using var before = SlackTestHost.Create(down, database);
                await SlackTestHost.OpenAsync(before, TestExceptions.Open("1"), TestExceptions.Open("2"));
                await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(before, db => db.SlackOutbox.AllAsync(o => o.LastError == "http_503")));
                var pending = await SlackTestHost.QueryAsync(before, db => db.SlackOutbox.ToListAsync());
                Assert.All(pending, r => Assert.Equal((OutboxStatus.Pending, "http_503"), (r.Status, r.LastError)));
            }

            await using var up = await FakeSlackApi.StartAsync();
            using var after = SlackTestHost.Create(up, database);
            after.Time.Advance(TimeSpan.FromHours(1));
            _ = after.Services; // starts the host, and with it the dispatcher

            var posts = await up.WaitForAsync("chat.postMessage", 2);
            await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(after, db => db.SlackOutbox.AllAsync(o => o.Status == OutboxStatus.Sent)));
            await Task.Delay(500);
            Assert.Equal(2, up.Calls("chat.postMessage").Count);
            Assert.Equal(["order 1", "order 2"], posts.Select(p => p.Text("text")!.Split(" in ")[0].Split(" · ")[1]));
        }
        finally
        {
            TestDirectory.TryDelete(directory);
        }
    }
}
