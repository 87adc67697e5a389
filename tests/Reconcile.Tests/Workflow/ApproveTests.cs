using System.Net;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack;
using Reconcile.Workflow;

namespace Reconcile.Tests.Workflow;

/// <summary>Approve end to end: the click opens the modal, the submit resolves, the message and thread follow.</summary>
[Collection(SharedWorkflowHost.Name)]
public sealed class ApproveTests(WorkflowHostFixture shared) : IAsyncLifetime
{
    public Task InitializeAsync() => shared.Host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_click_opens_the_reason_modal_with_the_trigger_id_and_changes_nothing()
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open());

        var response = await host.ClickAsync(ExceptionActionIds.Approve, exception, "U0CRM1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Acknowledged at once: the modal opens right after the answer.
        var opened = Assert.Single(await host.Slack.WaitForAsync("views.open", 1));
        Assert.Equal("111.222.valid", opened.Text("trigger_id"));
        var view = opened.Body["view"]!;
        Assert.Equal(ApproveModal.CallbackId, view["callback_id"]!.ToString());
        Assert.Equal(exception.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), view["private_metadata"]!.ToString());
        var inputs = view["blocks"]!.AsArray().Where(b => b!["type"]!.ToString() == "input").Select(b => b!["block_id"]!.ToString());
        // A replayable finding in a writable system: the modal also offers the replay linked to the approval.
        Assert.Equal([ApproveModal.ReasonBlockId, ApproveModal.CorrectiveBlockId, ApproveModal.ReplayBlockId], inputs);
        Assert.Equal(ExceptionState.Open, (await host.ExceptionAsync(exception.Id)).State);
    }

    [Fact]
    public async Task A_submit_with_a_reason_resolves_it_as_approved_updates_the_message_in_place_and_audits_the_reason()
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open());

        var answer = await host.SubmitApprovalAsync(exception.Id, "U0CRM1", "Customer agreed by phone", "Fixed the promo tag in the CRM by hand");

        Assert.Null(answer); // the modal closes
        var resolved = await host.ExceptionAsync(exception.Id);
        Assert.Equal((ExceptionState.Resolved, (Resolution?)Resolution.Approved, "U0CRM1"), (resolved.State, resolved.Resolution, resolved.ResolvedBy));
        Assert.Equal(exception.Version + 1, resolved.Version);
        var approved = Assert.Single(await host.AuditAsync(exception.Id), a => a.Action == AuditActions.Approved);
        Assert.Equal(("U0CRM1", "open", "resolved", "Customer agreed by phone"), (approved.Actor, approved.FromState, approved.ToState, approved.Reason));
        Assert.Contains("Fixed the promo tag in the CRM by hand", approved.Details, StringComparison.Ordinal);

        var update = (await host.Slack.WaitForAsync("chat.update", 1))[0];
        Assert.Equal(exception.SlackTs, update.Text("ts"));
        Assert.DoesNotContain("\"actions\"", update.Body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Resolved", update.Body["blocks"]!.ToJsonString(), StringComparison.Ordinal);
        var thread = (await host.Slack.WaitForAsync("chat.postMessage", 2)).Single(c => c.Text("thread_ts") == exception.SlackTs);
        Assert.Contains("Approved by <@U0CRM1>", thread.Text("text"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Fixed the promo tag by hand", ApproveModal.ReasonBlockId)]
    [InlineData("too short", "Fixed the promo tag by hand", ApproveModal.ReasonBlockId)]
    [InlineData("Customer agreed by phone", "   fixed   ", ApproveModal.CorrectiveBlockId)]
    public async Task Too_short_input_comes_back_as_a_field_error_on_its_block_and_changes_nothing(string reason, string corrective, string blockId)
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open());

        var answer = await host.SubmitApprovalAsync(exception.Id, "U0CRM1", reason, corrective);

        Assert.NotNull(answer);
        Assert.Equal("errors", answer["response_action"]!.ToString());
        var errors = answer["errors"]!.AsObject();
        Assert.Equal([blockId], errors.Select(e => e.Key));
        Assert.Contains("at least 10 characters", errors[blockId]!.ToString(), StringComparison.Ordinal);
        var after = await host.ExceptionAsync(exception.Id);
        Assert.Equal((ExceptionState.Open, exception.Version), (after.State, after.Version));
        Assert.DoesNotContain(await host.AuditAsync(exception.Id), a => a.Action == AuditActions.Approved);
    }

    [Fact]
    public async Task A_member_of_the_owners_user_group_may_approve()
    {
        // A host of its own: the group's members are cached per host, and this test needs the first lookup.
        await using var host = await WorkflowHost.StartAsync();
        host.Slack.Script("usergroups.users.list", new Slack.Fakes.FakeReply(200, """{"ok":true,"users":["U0GROUPIE"]}"""));
        var exception = await host.PostAsync(TestExceptions.Open());

        await host.SubmitApprovalAsync(exception.Id, "U0GROUPIE", "Customer agreed by phone", "Fixed the promo tag in the CRM by hand");

        Assert.Equal("U0GROUPIE", (await host.ExceptionAsync(exception.Id)).ResolvedBy);
        Assert.Equal("S0CRM", Assert.Single(host.Slack.Calls("usergroups.users.list")).Text("usergroup"));
    }
}
