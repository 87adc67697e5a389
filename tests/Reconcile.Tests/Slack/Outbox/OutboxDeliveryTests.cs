using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Interactions;
using Reconcile.Slack.Outbox;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack.Outbox;

/// <summary>SlackOutbox rows reach the fake Slack over loopback HTTP through the real host's dispatcher.</summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task Opened_exceptions_are_posted_to_the_owners_channel_and_the_ts_is_stored()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake);

        var opened = await SlackTestHost.OpenAsync(factory, TestExceptions.Open("1042"), TestExceptions.Open("1043", owner: "finance-ops", system: "billing"));

        var posts = await fake.WaitForAsync("chat.postMessage", 2);
        Assert.Equal(["C0CRM", "C0FIN"], posts.Select(p => p.Text("channel")).Order(StringComparer.Ordinal));
        var crm = posts.Single(p => p.Text("channel") == "C0CRM");
        Assert.Equal("Bearer xoxb-test-bot-token", crm.Authorization);
        Assert.Equal("application/json; charset=utf-8", crm.ContentType);
        Assert.Contains("order 1042", crm.Text("text"), StringComparison.Ordinal);
        var buttons = crm.Body["blocks"]!.AsArray().Last()!["elements"]!.AsArray();
        Assert.Equal(ExceptionActionIds.All, buttons.Select(b => b!["action_id"]!.ToString()));
        Assert.Equal(opened[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), buttons[0]!["value"]!.ToString());

        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory, db => db.Exceptions.AllAsync(e => e.SlackTs != null)));
        var stored = await SlackTestHost.QueryAsync(factory, db => db.Exceptions.SingleAsync(e => e.OrderId == "1042"));
        Assert.Equal(("C0CRM", crm.AnsweredTs), (stored.SlackChannel, stored.SlackTs));
        var rows = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.ToListAsync());
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Fact]
    public async Task A_rate_limit_and_server_errors_are_retried_and_the_message_is_posted_exactly_once()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.RateLimited(1), FakeReply.ServerError(), FakeReply.Error("internal_error"));
        using var factory = SlackTestHost.Create(fake);
        var started = System.Diagnostics.Stopwatch.StartNew();

        await SlackTestHost.OpenAsync(factory, TestExceptions.Open());

        var delivered = await fake.WaitForAsync("chat.postMessage", 1);
        Assert.Single(delivered);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
        Assert.Equal([429, 500, 200, 200], fake.Calls("chat.postMessage").Select(c => c.AnsweredStatus));
        await Task.Delay(500);
        Assert.Single(fake.Calls("chat.postMessage"), c => c.AnsweredTs is not null);
        var row = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.SingleAsync());
        Assert.Equal((OutboxStatus.Sent, delivered[0].AnsweredTs), (row.Status, row.ResultTs));
    }

    [Fact]
    public async Task A_call_that_hangs_times_out_and_is_retried()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Slow(TimeSpan.FromSeconds(10)));
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Slack:RequestTimeout"] = "00:00:00.300" });

        await SlackTestHost.OpenAsync(factory, TestExceptions.Open());

        var delivered = await fake.WaitForAsync("chat.postMessage", 1);
        Assert.Single(delivered);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(fake.Calls("chat.postMessage").Count == 2));
        Assert.Equal([499, 200], fake.Calls("chat.postMessage").Select(c => c.AnsweredStatus));
    }

    [Fact]
    public async Task A_configuration_error_is_not_retried_and_marks_the_row_failed_with_Slacks_explanation()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Error("channel_not_found", "[ERROR] no such channel"));
        using var factory = SlackTestHost.Create(fake);

        await SlackTestHost.OpenAsync(factory, TestExceptions.Open());

        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.AnyAsync(o => o.Status == OutboxStatus.Failed)));
        var row = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.SingleAsync(o => o.Channel == "C0CRM"));
        Assert.Contains("channel_not_found", row.LastError, StringComparison.Ordinal);
        Assert.Contains("no such channel", row.LastError, StringComparison.Ordinal);
        Assert.Single(fake.Calls("chat.postMessage"), c => c.Text("channel") == "C0CRM");
        var alert = Assert.Single(await fake.WaitForAsync("chat.postMessage", 1));
        Assert.Equal("U0ADMIN", alert.Text("channel")); // the admins are told (Slack:Admins)
    }

    [Fact]
    public async Task More_than_the_limit_for_one_channel_posts_one_summary_then_each_exception_in_its_thread()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Slack:MaxMessagesPerRun"] = "3" });

        await SlackTestHost.OpenAsync(factory, [.. Enumerable.Range(1, 5).Select(i => TestExceptions.Open($"20{i}", valueAtRisk: i))]);

        var posts = await fake.WaitForAsync("chat.postMessage", 6);
        var summary = posts[0];
        Assert.Null(summary.Text("thread_ts"));
        Assert.Contains("5 new exceptions for crm-owner", summary.Text("text"), StringComparison.Ordinal);
        Assert.All(posts.Skip(1), p => Assert.Equal(summary.AnsweredTs, p.Text("thread_ts")));
        Assert.Equal(["201", "202", "203", "204", "205"], posts.Skip(1).Select(p => p.Text("text")!.Split("order ")[1].Split(' ')[0]));
        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory, db => db.Exceptions.AllAsync(e => e.SlackTs != null)));
        var children = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.Where(o => o.ExceptionId != null).ToListAsync());
        var summaryRow = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.SingleAsync(o => o.ExceptionId == null));
        Assert.All(children, c => Assert.Equal(summaryRow.Id, c.ParentOutboxId));
    }

    [Fact]
    public async Task A_change_queued_before_the_flood_summary_is_delivered_waits_and_updates_the_threaded_message()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.RateLimited(1));
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Slack:MaxMessagesPerRun"] = "1" });
        var opened = await SlackTestHost.OpenAsync(factory, TestExceptions.Open("301"), TestExceptions.Open("302"));

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var row = await db.Exceptions.SingleAsync(e => e.Id == opened[1].Id);
            row.EscalationLevel = 1;
            row.State = ExceptionState.Escalated;
            scope.ServiceProvider.GetRequiredService<SlackOutbox>().QueueExceptionChanged(db, row, "Escalated by the SLA sweep");
            await db.SaveChangesAsync();
        }

        var update = (await fake.WaitForAsync("chat.update", 1))[0];
        var posts = fake.Calls("chat.postMessage").Where(p => p.AnsweredTs is not null).ToList();
        var child = posts.Single(p => p.Text("text")!.Contains("order 302", StringComparison.Ordinal));
        Assert.Equal(posts[0].AnsweredTs, child.Text("thread_ts"));
        Assert.Equal(child.AnsweredTs, update.Text("ts"));
        Assert.Contains("escalated", update.Text("text"), StringComparison.Ordinal);
        var reply = (await fake.WaitForAsync("chat.postMessage", 4)).Single(p => p.Text("text") == "Escalated by the SLA sweep");
        Assert.Equal(child.AnsweredTs, reply.Text("thread_ts"));
    }

    [Fact]
    public async Task Without_a_bot_token_a_flood_still_logs_every_exception()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Slack:BotToken"] = "", ["Slack:MaxMessagesPerRun"] = "1" });

        await SlackTestHost.OpenAsync(factory, TestExceptions.Open("1"), TestExceptions.Open("2"));

        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory, async db =>
            await db.SlackOutbox.CountAsync() == 3 && await db.SlackOutbox.AllAsync(o => o.Status == OutboxStatus.Sent)));
        Assert.Empty(fake.Calls());
    }

    [Fact]
    public async Task A_change_updates_the_original_message_in_place_and_replies_in_its_thread()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake);
        var exception = (await SlackTestHost.OpenAsync(factory, TestExceptions.Open()))[0];
        var post = (await fake.WaitForAsync("chat.postMessage", 1))[0];
        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory, db => db.Exceptions.AnyAsync(e => e.SlackTs != null)));

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var row = await db.Exceptions.SingleAsync(e => e.Id == exception.Id);
            row.State = ExceptionState.Resolved;
            row.Resolution = Resolution.Approved;
            row.ResolvedBy = "U0CRM1";
            row.ResolvedAt = TestExceptions.Now;
            row.Version++;
            scope.ServiceProvider.GetRequiredService<SlackOutbox>().QueueExceptionChanged(db, row, "Approved by <@U0CRM1>: promo re-tagged");
            await db.SaveChangesAsync();
        }

        var update = (await fake.WaitForAsync("chat.update", 1))[0];
        Assert.Equal((post.Text("channel"), post.AnsweredTs), (update.Text("channel"), update.Text("ts")));
        Assert.DoesNotContain(update.Body["blocks"]!.AsArray(), b => b!["type"]!.ToString() == "actions");
        var reply = (await fake.WaitForAsync("chat.postMessage", 2))[1];
        Assert.Equal(post.AnsweredTs, reply.Text("thread_ts"));
        Assert.Equal("Approved by <@U0CRM1>: promo re-tagged", reply.Text("text"));
    }

    [Fact]
    public async Task Without_a_bot_token_messages_are_logged_and_marked_sent_but_never_posted()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Slack:BotToken"] = "" });

        await SlackTestHost.OpenAsync(factory, TestExceptions.Open());

        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.AllAsync(o => o.Status == OutboxStatus.Sent)));
        Assert.Empty(fake.Calls());
    }
}
