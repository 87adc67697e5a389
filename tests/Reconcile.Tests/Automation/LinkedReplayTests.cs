using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Records;
using Reconcile.Lifecycle;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Automation;

/// <summary>A manual correction with a linked replay: the Approve modal offers it, the replay is linked to the approval and reports in the thread.</summary>
public sealed class LinkedReplayTests
{
    private const string Shop = """{"orderId":"1042","customerId":"C-77","currency":"USD","total":90.00,"promoCode":"SPRING24","status":"paid","updatedAt":"2026-11-20T10:00:00Z"}""";
    private const string Crm = """{"orderId":"1042","externalId":"CRM-9","customerId":"C-77","currency":"USD","total":90.00,"status":"paid","updatedAt":"2026-11-20T10:00:00Z"}""";

    [Fact]
    public async Task An_approval_with_the_replay_ticked_replays_linked_to_it_and_reports_in_the_thread()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await SeedAsync(host);

        await SubmitAsync(host, exception.Id, replay: true);

        await SlackTestHost.WaitUntilAsync(async () => (await host.AuditAsync(exception.Id)).Any(a => a.Action == AuditActions.LinkedReplayed));
        var trail = await host.AuditAsync(exception.Id);
        Assert.Equal([AuditActions.Approved, AuditActions.LinkedReplayStarted, AuditActions.LinkedReplayed], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal("U0CRM1", a.Actor));
        using var details = JsonDocument.Parse(trail[2].Details!);
        Assert.Equal(trail[0].Id, details.RootElement.GetProperty("approvalEventId").GetInt64());
        Assert.True(details.RootElement.GetProperty("report").GetProperty("verified").GetBoolean());
        var resolved = await host.ExceptionAsync(exception.Id);
        Assert.Equal((ExceptionState.Resolved, (Resolution?)Resolution.Approved), (resolved.State, resolved.Resolution));
        var crm = await SlackTestHost.QueryAsync(host.Factory, db => db.Records.AsNoTracking().SingleAsync(r => r.System == "crm" && r.OrderId == "1042"));
        Assert.Equal("SPRING24", CanonicalJson.Deserialize(crm.Payload!).PromoCode);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage").Any(c =>
            c.Text("thread_ts") == exception.SlackTs && c.Text("text")!.Contains("Replay linked to <@U0CRM1>'s approval: written into crm and verified", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_linked_replay_that_does_not_verify_leaves_the_approval_standing_and_says_so_in_the_thread()
    {
        await using var host = await WorkflowHost.StartAsync(new Dictionary<string, string?> { ["Systems:crm:Connector:Faults:DropWrites"] = "true" });
        var exception = await SeedAsync(host);

        await SubmitAsync(host, exception.Id, replay: true);

        await SlackTestHost.WaitUntilAsync(async () => (await host.AuditAsync(exception.Id)).Any(a => a.Action == AuditActions.LinkedReplayFailed));
        Assert.Equal(Resolution.Approved, (await host.ExceptionAsync(exception.Id)).Resolution);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage").Any(c =>
            c.Text("thread_ts") == exception.SlackTs && c.Text("text")!.Contains("did not verify in crm", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Without_the_box_ticked_an_approval_replays_nothing_and_the_modal_offers_it_only_for_replayable_findings()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await SeedAsync(host);

        await SubmitAsync(host, exception.Id, replay: false);
        await Task.Delay(1000);

        Assert.Equal([AuditActions.Approved], (await host.AuditAsync(exception.Id)).Select(a => a.Action));
        Assert.Contains(ApproveModal.ReplayBlockId, ApproveModal.Build(exception, 10, offerReplay: true).ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApproveModal.ReplayBlockId, ApproveModal.Build(exception, 10).ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<ExceptionEntity> SeedAsync(WorkflowHost host)
    {
        await host.StoreAsync("shop", Shop);
        await host.StoreAsync("crm", Crm);
        return await host.PostAsync(TestExceptions.Open());
    }

    private static async Task SubmitAsync(WorkflowHost host, long exceptionId, bool replay)
    {
        var payload = WorkflowHost.Submission(exceptionId, "U0CRM1", "Customer agreed by phone", "Fixed the promo tag in the CRM by hand");
        if (replay)
        {
            payload["view"]!["state"]!["values"]![ApproveModal.ReplayBlockId] = new JsonObject
            {
                [ApproveModal.ReplayActionId] = new JsonObject
                {
                    ["type"] = "checkboxes",
                    ["selected_options"] = new JsonArray(new JsonObject { ["value"] = ApproveModal.ReplayOptionValue }),
                },
            };
        }

        var response = await host.Client.SendAsync(SlackRequests.Interaction(payload, host.Factory.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
