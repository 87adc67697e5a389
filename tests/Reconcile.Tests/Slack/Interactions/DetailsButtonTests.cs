using System.Net;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Slack.Interactions;

public sealed class DetailsButtonTests
{
    [Fact]
    public async Task Clicking_details_opens_the_evidence_modal_with_the_clicks_trigger_and_changes_nothing()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await host.PostAsync(TestExceptions.Open());
        var auditBefore = (await host.AuditAsync(exception.Id)).Count;

        var response = await host.ClickAsync(ExceptionActionIds.Details, exception, "U0SOMEONE");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var open = Assert.Single(await host.Slack.WaitForAsync("views.open", 1));
        Assert.Equal("111.222.valid", open.Text("trigger_id"));
        var view = open.Body["view"]!.AsObject();
        Assert.Equal(DetailsModal.CallbackId, view["callback_id"]!.ToString());
        Assert.Contains(view["blocks"]!.AsArray(), b => b!["text"]?["text"]?.ToString().StartsWith("*Record in crm*\n```", StringComparison.Ordinal) == true);
        var after = await host.ExceptionAsync(exception.Id);
        Assert.Equal(ExceptionState.Open, after.State);
        Assert.Equal(exception.Version, after.Version);
        Assert.Equal(auditBefore, (await host.AuditAsync(exception.Id)).Count);
    }

    [Fact]
    public async Task A_details_modal_slack_would_not_open_is_told_privately_with_the_api_path()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await host.PostAsync(TestExceptions.Open());
        host.Slack.Script("views.open", FakeReply.Error("expired_trigger_id"));

        await host.ClickAsync(ExceptionActionIds.Details, exception, "U0CRM1");

        var note = (await host.Slack.WaitForAsync("response_url", 1))[0];
        Assert.Equal("ephemeral", note.Text("response_type"));
        Assert.Contains("please click Details again", note.Text("text"), StringComparison.Ordinal);
        Assert.Contains($"/api/exceptions/{exception.Id}", note.Text("text"), StringComparison.Ordinal);
    }
}
