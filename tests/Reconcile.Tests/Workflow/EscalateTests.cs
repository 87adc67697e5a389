using Microsoft.Extensions.DependencyInjection;
using Reconcile.Engine.Calendar;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Workflow;

namespace Reconcile.Tests.Workflow;

/// <summary>Escalate: to the owner's EscalateTo with a new SLA, the new owner mentioned; refused at the end of the chain.</summary>
[Collection(SharedWorkflowHost.Name)]
public sealed class EscalateTests(WorkflowHostFixture shared) : IAsyncLifetime
{
    public Task InitializeAsync() => shared.Host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Escalate_hands_the_exception_to_the_next_owner_with_a_new_due_time_and_mentions_them_in_the_thread()
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open());

        await host.ClickAsync(ExceptionActionIds.Escalate, exception, "U0CRM1");

        var escalated = await host.ExceptionAsync(exception.Id);
        var due = host.Factory.Services.GetRequiredService<BusinessCalendar>().AddBusinessHours(host.Factory.Time.GetUtcNow(), 8);
        Assert.Equal((ExceptionState.Escalated, "revops-lead", "crm-owner", 1, due), (escalated.State, escalated.Owner, escalated.OriginalOwner, escalated.EscalationLevel, escalated.SlaDueAt));
        var audit = Assert.Single(await host.AuditAsync(exception.Id));
        Assert.Equal((AuditActions.Escalated, "U0CRM1", "open", "escalated"), (audit.Action, audit.Actor, audit.FromState, audit.ToState));
        Assert.Contains("\"toOwner\":\"revops-lead\"", audit.Details, StringComparison.Ordinal);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage")
            .Any(c => c.Text("thread_ts") == exception.SlackTs && c.Text("text")!.Contains("<@U0LEAD>", StringComparison.Ordinal))));
        var update = (await host.Slack.WaitForAsync("chat.update", 1))[0];
        Assert.Contains("revops-lead", update.Body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_click_on_the_same_message_escalates_nothing_and_is_told_who_escalated()
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open());

        await host.ClickAsync(ExceptionActionIds.Escalate, exception, "U0CRM1");
        await host.ClickAsync(ExceptionActionIds.Escalate, exception, "U0CRM1");

        Assert.Equal(1, (await host.ExceptionAsync(exception.Id)).EscalationLevel);
        var reply = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Equal("ephemeral", reply.Text("response_type"));
        Assert.Contains("Already escalated by <@U0CRM1>", reply.Text("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_the_end_of_the_chain_escalation_is_refused_ephemerally_and_nothing_changes()
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open(owner: "revops-lead"));

        await host.ClickAsync(ExceptionActionIds.Escalate, exception, "U0LEAD");

        var reply = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Contains("end of the escalation chain", reply.Text("text"), StringComparison.Ordinal);
        var after = await host.ExceptionAsync(exception.Id);
        Assert.Equal((ExceptionState.Open, "revops-lead", 0, exception.Version), (after.State, after.Owner, after.EscalationLevel, after.Version));
        Assert.Empty(await host.AuditAsync(exception.Id));
        Assert.Empty(host.Slack.Calls("chat.update"));
    }

    [Fact]
    public async Task A_member_of_the_original_owner_may_escalate_again_after_the_first_escalation()
    {
        await using var host = await WorkflowHost.StartAsync(new Dictionary<string, string?>
        {
            ["Owners:revops-lead:EscalateTo"] = "cfo", ["Owners:cfo:Channel"] = "C0CFO", ["Owners:cfo:Members:0"] = "U0CFO",
        });
        var exception = await host.PostAsync(TestExceptions.Open());
        await host.ClickAsync(ExceptionActionIds.Escalate, exception, "U0CRM1");

        await host.ClickAsync(ExceptionActionIds.Escalate, exception, "U0CRM1", version: exception.Version + 1);

        var after = await host.ExceptionAsync(exception.Id);
        Assert.Equal(("cfo", 2), (after.Owner, after.EscalationLevel));
    }
}
