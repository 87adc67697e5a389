using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack.Outbox;

/// <summary>Refused posts go out again once the cause is fixed: /recon retry, or the bot being invited to the channel.</summary>
public sealed class OutboxRetryTests
{
    private static readonly Dictionary<string, string?> Admins = new() { ["Slack:Admins:0"] = "U0ADMIN" };

    [Fact]
    public async Task An_admins_recon_retry_posts_a_refused_exception_again_with_its_buttons()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Error("not_in_channel"));
        using var factory = SlackTestHost.Create(fake, Admins);
        using var client = factory.CreateClient();
        var exception = (await SlackTestHost.OpenAsync(factory, TestExceptions.Open()))[0];
        await fake.WaitForAsync("chat.postMessage", 1); // the admin's alert

        var answer = await client.SendAsync(SlackRequests.Command("retry", factory.Time.GetUtcNow(), user: "U0ADMIN"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Re-queued 1 refused post(s)", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await SlackTestHost.WaitUntilAsync(async () => (await SlackTestHost.QueryAsync(factory, db => db.Exceptions.SingleAsync(e => e.Id == exception.Id))).SlackTs is not null);
        var posted = Assert.Single(fake.Held("C0CRM"));
        var call = fake.Calls("chat.postMessage").Single(c => c.AnsweredTs == posted.Ts);
        Assert.Equal(3, call.Body["blocks"]!.AsArray().Last()!["elements"]!.AsArray().Count);
        var row = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.SingleAsync(o => o.Channel == "C0CRM"));
        Assert.Equal(OutboxStatus.Sent, row.Status);
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_cannot_retry_and_nothing_is_requeued()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Error("not_in_channel"));
        using var factory = SlackTestHost.Create(fake, Admins);
        using var client = factory.CreateClient();
        await SlackTestHost.OpenAsync(factory, TestExceptions.Open());
        await fake.WaitForAsync("chat.postMessage", 1);

        var answer = await client.SendAsync(SlackRequests.Command("retry", factory.Time.GetUtcNow(), user: "U0CRM1"));

        Assert.Contains("Only Reconcile admins can retry", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var row = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.SingleAsync(o => o.Channel == "C0CRM"));
        Assert.Equal(OutboxStatus.Failed, row.Status);
    }

    [Fact]
    public async Task The_bot_joining_the_channel_reposts_that_channels_refused_posts_but_someone_else_joining_does_not()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Error("not_in_channel"));
        using var factory = SlackTestHost.Create(fake, Admins);
        using var client = factory.CreateClient();
        var exception = (await SlackTestHost.OpenAsync(factory, TestExceptions.Open()))[0];
        await fake.WaitForAsync("chat.postMessage", 1);

        var someoneElse = await client.SendAsync(SlackRequests.Event(Joined("U0CRM1"), factory.Time.GetUtcNow()));
        await Task.Delay(500);
        Assert.Equal(HttpStatusCode.OK, someoneElse.StatusCode);
        Assert.Equal(OutboxStatus.Failed, (await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.SingleAsync(o => o.Channel == "C0CRM"))).Status);

        var bot = await client.SendAsync(SlackRequests.Event(Joined("U0BOT"), factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, bot.StatusCode);
        await SlackTestHost.WaitUntilAsync(async () => (await SlackTestHost.QueryAsync(factory, db => db.Exceptions.SingleAsync(e => e.Id == exception.Id))).SlackTs is not null);
        Assert.Single(fake.Held("C0CRM"));
    }

    [Fact]
    public async Task A_channels_message_limit_waits_and_retries_instead_of_failing()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Error("message_limit_exceeded"), FakeReply.Error("message_limit_exceeded"), FakeReply.Error("message_limit_exceeded"));
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?>(Admins) { ["Slack:MaxRetries"] = "1", ["Slack:OutboxRetryDelay"] = "00:00:00.200" });

        var exception = (await SlackTestHost.OpenAsync(factory, TestExceptions.Open()))[0];

        // Two refusals in the first attempt (one quick retry); the row then waits, not fails.
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(fake.Calls("chat.postMessage").Count == 2));
        await Task.Delay(300);
        var waiting = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.SingleAsync(o => o.Channel == "C0CRM"));
        Assert.Equal((OutboxStatus.Pending, "message_limit_exceeded"), (waiting.Status, waiting.LastError));
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        await SlackTestHost.WaitUntilAsync(async () => (await SlackTestHost.QueryAsync(factory, db => db.Exceptions.SingleAsync(e => e.Id == exception.Id))).SlackTs is not null);
        Assert.Equal(4, fake.Calls("chat.postMessage").Count);
        Assert.Single(fake.Held("C0CRM"));
        Assert.DoesNotContain(fake.Calls("chat.postMessage"), c => c.Text("channel") == "U0ADMIN");
    }

    [Fact]
    public async Task The_text_only_fallback_links_to_the_exceptions_api_page()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Error("invalid_blocks"));
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Slack:PublicBaseUrl"] = "https://recon.example.com/" });

        var exception = (await SlackTestHost.OpenAsync(factory, TestExceptions.Open()))[0];

        var posted = Assert.Single(await fake.WaitForAsync("chat.postMessage", 1));
        Assert.Null(posted.Body["blocks"]);
        Assert.EndsWith($"\nDetails and decisions: <https://recon.example.com/api/exceptions/{exception.Id}|exception {exception.Id}>", posted.Text("text"), StringComparison.Ordinal);
    }

    private static JsonObject Joined(string user) => new()
    {
        ["type"] = "member_joined_channel", ["user"] = user, ["channel"] = "C0CRM", ["channel_type"] = "C", ["team"] = "T1",
    };
}
