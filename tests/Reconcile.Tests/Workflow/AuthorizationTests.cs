using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack;
using Reconcile.Workflow;

namespace Reconcile.Tests.Workflow;

/// <summary>Only members of the owner (or admins) act; anyone else is refused ephemerally and audited as denied.</summary>
[Collection(SharedWorkflowHost.Name)]
public sealed class AuthorizationTests(WorkflowHostFixture shared) : IAsyncLifetime
{
    public Task InitializeAsync() => shared.Host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(ExceptionActionIds.Replay)]
    [InlineData(ExceptionActionIds.Escalate)]
    public async Task A_click_by_someone_outside_the_owner_is_refused_ephemerally_audited_as_denied_and_changes_nothing(string actionId)
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open());

        await host.ClickAsync(actionId, exception, "U0FIN1");

        var reply = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Equal("ephemeral", reply.Text("response_type"));
        Assert.Contains("only members of crm-owner", reply.Text("text"), StringComparison.Ordinal);
        var denied = Assert.Single(await host.AuditAsync(exception.Id));
        Assert.Equal((AuditActions.Denied, "U0FIN1", "open", "open"), (denied.Action, denied.Actor, denied.FromState, denied.ToState));
        var after = await host.ExceptionAsync(exception.Id);
        Assert.Equal((ExceptionState.Open, "crm-owner", exception.Version), (after.State, after.Owner, after.Version));
        Assert.Empty(host.Slack.Calls("chat.update"));
    }

    [Fact]
    public async Task An_approval_submitted_by_an_outsider_is_refused_with_an_ephemeral_in_the_channel_and_audited()
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open());

        await host.SubmitApprovalAsync(exception.Id, "U0FIN1", "I think it is fine really", "Nothing needed at all here");

        var ephemeral = (await host.Slack.WaitForAsync("chat.postEphemeral", 1))[0];
        Assert.Equal(("U0FIN1", "C0CRM"), (ephemeral.Text("user"), ephemeral.Text("channel")));
        Assert.Equal(AuditActions.Denied, Assert.Single(await host.AuditAsync(exception.Id)).Action);
        Assert.Equal(ExceptionState.Open, (await host.ExceptionAsync(exception.Id)).State);
    }

    [Fact]
    public async Task An_approve_click_by_an_outsider_is_refused_before_any_modal_opens()
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open(owner: "campaign-ops"));

        await host.ClickAsync(ExceptionActionIds.Approve, exception, "U0FIN1");

        Assert.Contains("only members of campaign-ops", (await host.Slack.WaitForAsync("response_url", 1))[0].Text("text"), StringComparison.Ordinal);
        Assert.Empty(host.Slack.Calls("views.open"));
        Assert.Equal(AuditActions.Denied, Assert.Single(await host.AuditAsync(exception.Id)).Action);
    }

    [Fact]
    public async Task An_admin_may_act_on_any_exception()
    {
        await using var host = await WorkflowHost.StartAsync(new Dictionary<string, string?> { ["Slack:Admins:0"] = "U0BOSS" });
        var exception = await host.PostAsync(TestExceptions.Open());

        await host.ClickAsync(ExceptionActionIds.Escalate, exception, "U0BOSS");

        Assert.Equal("revops-lead", (await host.ExceptionAsync(exception.Id)).Owner);
    }
}
