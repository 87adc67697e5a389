using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Slack.Outbox;

/// <summary>A refusal from Slack is never silent: fall back, then tell the admins or the person who decided.</summary>
public sealed class OutboxRefusalTests
{
    private static readonly Dictionary<string, string?> Admins = new() { ["Slack:Admins:0"] = "U0ADMIN" };

    [Fact]
    public async Task A_post_whose_blocks_are_refused_is_posted_again_as_text_only()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Error("invalid_blocks", "[ERROR] must be more than 0 characters [json-pointer:/blocks/0/text]"));
        using var factory = SlackTestHost.Create(fake, Admins);

        await SlackTestHost.OpenAsync(factory, TestExceptions.Open());

        var posted = Assert.Single(await fake.WaitForAsync("chat.postMessage", 1));
        Assert.Null(posted.Body["blocks"]);
        Assert.Contains("order 1042", posted.Text("text"), StringComparison.Ordinal);
        Assert.NotNull(fake.Calls("chat.postMessage")[0].Body["blocks"]);
        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory, db => db.Exceptions.AnyAsync(e => e.SlackTs == posted.AnsweredTs)));
        Assert.DoesNotContain(fake.Calls("chat.postMessage"), c => c.Text("channel") == "U0ADMIN");
    }

    [Fact]
    public async Task A_post_refused_because_the_bot_is_not_in_the_channel_tells_the_admins_how_to_invite_it()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Error("not_in_channel"));
        using var factory = SlackTestHost.Create(fake, Admins);

        var exception = (await SlackTestHost.OpenAsync(factory, TestExceptions.Open()))[0];

        var alert = Assert.Single(await fake.WaitForAsync("chat.postMessage", 1));
        Assert.Equal("U0ADMIN", alert.Text("channel"));
        Assert.Contains($"could not post exception {exception.Id} to <#C0CRM>", alert.Text("text"), StringComparison.Ordinal);
        Assert.Contains("`not_in_channel`", alert.Text("text"), StringComparison.Ordinal);
        Assert.Contains("Fix: /invite @Reconcile to <#C0CRM>", alert.Text("text"), StringComparison.Ordinal);
        var row = await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.SingleAsync(o => o.Channel == "C0CRM"));
        Assert.Equal((OutboxStatus.Failed, "not_in_channel"), (row.Status, row.LastError));
    }

    [Fact]
    public async Task A_post_refused_even_as_text_only_tells_the_admins()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        fake.Script("chat.postMessage", FakeReply.Error("invalid_blocks"), FakeReply.Error("invalid_blocks"));
        using var factory = SlackTestHost.Create(fake, Admins);

        await SlackTestHost.OpenAsync(factory, TestExceptions.Open());

        var alert = Assert.Single(await fake.WaitForAsync("chat.postMessage", 1));
        Assert.Equal("U0ADMIN", alert.Text("channel"));
        Assert.Contains("`invalid_blocks`", alert.Text("text"), StringComparison.Ordinal);
        Assert.Equal(3, fake.Calls("chat.postMessage").Count);
    }

    [Fact]
    public async Task A_refresh_that_fails_after_a_decision_tells_the_person_privately_that_the_decision_stands()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await host.PostAsync(TestExceptions.Open());
        host.Slack.Script("chat.update", FakeReply.Error("message_not_found"));

        await host.SubmitApprovalAsync(exception.Id, "U0CRM1", "Customer agreed by phone", "Fixed the promo tag in the CRM by hand");

        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage").Any(c => c.Text("channel") == "U0CRM1")));
        var note = host.Slack.Calls("chat.postMessage").Single(c => c.Text("channel") == "U0CRM1");
        Assert.Contains($"Your decision on exception {exception.Id} stands, but Slack could not refresh its message (message_not_found)", note.Text("text"), StringComparison.Ordinal);
        Assert.Equal(Reconcile.Engine.Exceptions.ExceptionState.Resolved, (await host.ExceptionAsync(exception.Id)).State);
    }
}
