using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Slack.Interactions;

/// <summary>A click is answered within Slack's 3 s whatever views.open does, and a lost trigger is told privately.</summary>
public sealed class AcknowledgeFirstTests
{
    [Fact]
    public async Task A_views_open_that_takes_5_seconds_still_answers_the_click_within_3_seconds_and_tells_the_user_to_click_again()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await host.PostAsync(TestExceptions.Open());
        host.Slack.Script("views.open", FakeReply.Slow(TimeSpan.FromSeconds(5)));

        var clock = Stopwatch.StartNew();
        var response = await host.ClickAsync(ExceptionActionIds.Approve, exception, "U0CRM1");
        var answeredIn = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answeredIn < TimeSpan.FromSeconds(3), $"the click was answered after {answeredIn.TotalSeconds:F1} s");
        var note = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Equal("ephemeral", note.Text("response_type"));
        Assert.Contains("please click Approve again", note.Text("text"), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the private note came only after {clock.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var attempt = Assert.Single(host.Slack.Calls("views.open"));
        Assert.Equal(499, attempt.AnsweredStatus); // cut off by the budget, not retried
        Assert.Equal(ExceptionState.Open, (await host.ExceptionAsync(exception.Id)).State);
    }

    [Fact]
    public async Task A_details_click_is_answered_before_slack_has_answered_views_open()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await host.PostAsync(TestExceptions.Open());
        host.Slack.Script("views.open", FakeReply.Slow(TimeSpan.FromSeconds(5)));

        var response = await host.ClickAsync(ExceptionActionIds.Details, exception, "U0CRM1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The fake records a call once it has answered it (or the caller gave up): none yet, so the click's answer came first.
        Assert.Empty(host.Slack.Calls("views.open"));
        var note = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Contains("please click Details again", note.Text("text"), StringComparison.Ordinal);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("views.open").Count > 0));
        Assert.Equal(499, Assert.Single(host.Slack.Calls("views.open")).AnsweredStatus);
    }

    [Fact]
    public async Task A_click_whose_handler_fails_is_told_privately_instead_of_only_logged()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await host.PostAsync(TestExceptions.Open());
        // The handler's first read fails: the exceptions table is gone.
        await SlackTestHost.QueryAsync(host.Factory, db => db.Database.ExecuteSqlRawAsync("ALTER TABLE exceptions RENAME TO exceptions_gone"));

        var response = await host.ClickAsync(ExceptionActionIds.Details, exception, "U0CRM1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var note = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Equal("ephemeral", note.Text("response_type"));
        Assert.Contains("Reconcile could not finish your click on recon.details", note.Text("text"), StringComparison.Ordinal);
        Assert.Empty(host.Slack.Calls("views.open"));
    }

    [Fact]
    public async Task An_expired_trigger_gets_one_attempt_and_a_private_note_to_click_again()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await host.PostAsync(TestExceptions.Open());
        host.Slack.Script("views.open", FakeReply.Error("expired_trigger_id"), FakeReply.Error("expired_trigger_id"));

        var response = await host.ClickAsync(ExceptionActionIds.Approve, exception, "U0CRM1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var note = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Contains("a click is only valid for 3 seconds", note.Text("text"), StringComparison.Ordinal);
        Assert.Single(host.Slack.Calls("views.open"));
    }
}
