using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack.Outbox;

public sealed class OutboxStarvationTests
{
    [Fact]
    public async Task Rows_waiting_for_a_parent_post_do_not_hold_up_newer_messages()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<SlackOutbox>();
            var now = factory.Time.GetUtcNow();
            // A summary in back-off (not due for an hour) and more than a batch of thread replies waiting on it.
            var parent = new SlackOutboxEntity { Kind = OutboxKind.Post, Channel = "C0CRM", Payload = SlackMessage.Plain("summary").ToJsonString(), CreatedAt = now, NextAttemptAt = now.AddHours(1) };
            db.SlackOutbox.Add(parent);
            await db.SaveChangesAsync();
            for (var i = 0; i < 120; i++)
            {
                db.SlackOutbox.Add(new SlackOutboxEntity { Kind = OutboxKind.Post, Channel = "C0CRM", ParentOutboxId = parent.Id, Payload = SlackMessage.Plain($"reply {i}").ToJsonString(), CreatedAt = now, NextAttemptAt = now });
            }

            outbox.QueueEphemeral(db, "C0FIN", "U0FIN1", "Already resolved by someone else.");
            await db.SaveChangesAsync();
        }

        var ephemeral = Assert.Single(await fake.WaitForAsync("chat.postEphemeral", 1));
        Assert.Equal("U0FIN1", ephemeral.Text("user"));
        Assert.Empty(fake.Calls("chat.postMessage"));
    }
}
