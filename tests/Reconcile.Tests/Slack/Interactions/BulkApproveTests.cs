using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Slack.Interactions;

/// <summary>The flood summary's "Approve all": one reason for a group of identical exceptions, one audited decision each.</summary>
public sealed class BulkApproveTests
{
    private static readonly Dictionary<string, string?> Flood = new() { ["Slack:MaxMessagesPerRun"] = "3" };

    [Fact]
    public async Task Approve_all_opens_one_form_and_approves_and_audits_each_open_exception_of_the_group()
    {
        await using var host = await WorkflowHost.StartAsync(Flood);
        var exceptions = await SlackTestHost.OpenAsync(host.Factory, [.. Enumerable.Range(1, 5).Select(i => TestExceptions.Open($"40{i}"))]);
        var summary = (await host.Slack.WaitForAsync("chat.postMessage", 6))[0];
        var button = summary.Body["blocks"]!.AsArray().Select(b => b!["accessory"]).Single(a => a is not null)!;
        Assert.Equal(string.Join(',', exceptions.Select(e => e.Id.ToString(CultureInfo.InvariantCulture))), button["value"]!.ToString());
        // One of them is decided on its own first: the group leaves it alone.
        await host.SubmitApprovalAsync(exceptions[0].Id, "U0CRM1", "Handled on its own first", "Corrected by hand already");

        var click = await host.Client.SendAsync(SlackRequests.Interaction(GroupClick(host, button["value"]!.ToString(), "U0CRM1"), host.Factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var view = Assert.Single(await host.Slack.WaitForAsync("views.open", 1)).Body["view"]!;
        Assert.Equal(BulkApproval.CallbackId, view["callback_id"]!.ToString());
        var remaining = string.Join(',', exceptions.Skip(1).Select(e => e.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(remaining, view["private_metadata"]!.ToString());

        var submit = await host.Client.SendAsync(SlackRequests.Interaction(GroupSubmission(remaining, "U0CRM1", "Known CRM sync gap on promo tags", "Promo tags re-entered in the CRM"), host.Factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        await SlackTestHost.WaitUntilAsync(async () => (await Task.WhenAll(exceptions.Select(e => host.ExceptionAsync(e.Id)))).All(e => e.State == ExceptionState.Resolved));
        foreach (var exception in exceptions.Skip(1))
        {
            var approvals = (await host.AuditAsync(exception.Id)).Where(a => a.Action == "approved").ToList();
            var approval = Assert.Single(approvals);
            Assert.Equal("U0CRM1", approval.Actor);
            Assert.Contains("Known CRM sync gap on promo tags", approval.Reason, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Known CRM sync gap", (await host.AuditAsync(exceptions[0].Id)).Single(a => a.Action == "approved").Reason, StringComparison.Ordinal);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage").Any(c => c.Text("channel") == "U0CRM1")));
        Assert.StartsWith("Approved 4 of 4 exceptions with your reason", host.Slack.Calls("chat.postMessage").Single(c => c.Text("channel") == "U0CRM1").Text("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_outside_the_owner_approves_nothing_and_is_told_why()
    {
        await using var host = await WorkflowHost.StartAsync(Flood);
        var exceptions = await SlackTestHost.OpenAsync(host.Factory, [.. Enumerable.Range(1, 4).Select(i => TestExceptions.Open($"50{i}"))]);
        await host.Slack.WaitForAsync("chat.postMessage", 5);
        var value = string.Join(',', exceptions.Select(e => e.Id.ToString(CultureInfo.InvariantCulture)));

        await host.Client.SendAsync(SlackRequests.Interaction(GroupSubmission(value, "U0CAMP1", "Not my team but trying", "Nothing really done"), host.Factory.Time.GetUtcNow()));

        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage").Any(c => c.Text("channel") == "U0CAMP1")));
        var note = host.Slack.Calls("chat.postMessage").Single(c => c.Text("channel") == "U0CAMP1").Text("text");
        Assert.Equal("Approved 0 of 4 exceptions with your reason; each is on the audit trail. 4 belong to an owner you are not a member of and were left alone.", note);
        Assert.All(await Task.WhenAll(exceptions.Select(e => host.ExceptionAsync(e.Id))), e => Assert.Equal(ExceptionState.Open, e.State));
        Assert.DoesNotContain((await host.AuditAsync(exceptions[0].Id)), a => a.Action == "approved");
    }

    private static JsonObject GroupClick(WorkflowHost host, string value, string user) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user },
        ["channel"] = new JsonObject { ["id"] = "C0CRM" },
        ["trigger_id"] = "111.222.group",
        ["response_url"] = host.Slack.ResponseUrl($"actions/T1/group/{Guid.NewGuid():N}").AbsoluteUri,
        ["actions"] = new JsonArray(new JsonObject { ["action_id"] = BulkApproval.ActionId, ["block_id"] = "summary-group", ["value"] = value, ["type"] = "button" }),
    };

    private static JsonObject GroupSubmission(string ids, string user, string reason, string corrective)
    {
        var submission = WorkflowHost.Submission(0, user, reason, corrective);
        submission["view"]!["callback_id"] = BulkApproval.CallbackId;
        submission["view"]!["private_metadata"] = ids;
        return submission;
    }
}
