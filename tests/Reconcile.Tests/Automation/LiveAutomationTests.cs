using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Automation;

/// <summary>Live automation: the system replays a known pattern itself, pages nobody when it verifies, and pages the owner with the attempt when it does not.</summary>
public sealed class LiveAutomationTests
{
    [Fact]
    public async Task A_live_rule_resolves_a_missing_order_in_the_crm_with_no_post_to_its_owner_and_system_auto_on_the_trail()
    {
        await using var rig = await AutomationRig.StartAsync("Live");
        await rig.IngestShopOnlyAsync(1);

        await RunDriver.RunAsync(rig.Client);

        var attempt = Assert.Single(await rig.WaitForAttemptsAsync(1));
        Assert.Equal((AutomationAttemptStatus.Verified, "missing_in_target/crm"), (attempt.Status, attempt.Rule));
        var crm = Assert.Single(await rig.ExceptionsAsync("crm"));
        Assert.Equal((ExceptionState.Resolved, (Resolution?)Resolution.Replayed, WorkflowActors.Auto), (crm.State, crm.Resolution, crm.ResolvedBy));
        var trail = await rig.AuditAsync(crm.Id);
        Assert.Equal([(AuditActions.Opened, WorkflowActors.Run), (AuditActions.ReplayStarted, WorkflowActors.Auto), (AuditActions.Replayed, WorkflowActors.Auto)],
            trail.Select(a => (a.Action, a.Actor)));
        Assert.True(await SlackTestHost.QueryAsync(rig.Factory, db => db.Records.AnyAsync(r => r.System == "crm" && r.OrderId == "7000")));

        // Billing (no rule) is paged as usual; the CRM owner hears nothing.
        await rig.Slack.WaitForAsync("chat.postMessage", 1);
        await Task.Delay(1000);
        Assert.Single(rig.PostsTo("C0FIN"));
        Assert.Empty(rig.PostsTo("C0CRM"));
        Assert.Empty(rig.Slack.Calls("chat.update"));
    }

    [Fact]
    public async Task A_failing_write_pages_the_owner_with_the_attempt_when_and_what_the_target_answered()
    {
        await using var rig = await AutomationRig.StartAsync("Live", ("Systems:crm:Connector:Faults:FailWrites", "100"));
        await rig.IngestShopOnlyAsync(1);

        await RunDriver.RunAsync(rig.Client);

        var attempt = Assert.Single(await rig.WaitForAttemptsAsync(1));
        Assert.Equal(AutomationAttemptStatus.Failed, attempt.Status);
        Assert.Contains("503 Service Unavailable", attempt.Outcome, StringComparison.Ordinal);
        var crm = Assert.Single(await rig.ExceptionsAsync("crm"));
        Assert.Equal(ExceptionState.Open, crm.State);
        Assert.Equal([AuditActions.Opened, AuditActions.ReplayStarted, AuditActions.ReplayFailed], (await rig.AuditAsync(crm.Id)).Select(a => a.Action));

        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(rig.PostsTo("C0CRM").Count == 1));
        var page = rig.PostsTo("C0CRM")[0].Body["blocks"]!.ToJsonString();
        Assert.Contains("Automation tried", page, StringComparison.Ordinal);
        Assert.Contains($"at {attempt.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC", page, StringComparison.Ordinal);
        Assert.Contains("crm answered 503 Service Unavailable", page, StringComparison.Ordinal);
        Assert.Contains("recon.replay", page, StringComparison.Ordinal); // the owner still has the buttons
        await Task.Delay(500);
        Assert.Single(rig.PostsTo("C0CRM"));
    }

    [Fact]
    public async Task An_exception_is_tried_once_per_occurrence_however_often_runs_see_it_again()
    {
        await using var rig = await AutomationRig.StartAsync("Live", ("Systems:crm:Connector:Faults:DropWrites", "true"));
        await rig.IngestShopOnlyAsync(1);
        await RunDriver.RunAsync(rig.Client);
        await rig.WaitForAttemptsAsync(1);

        await RunDriver.RunAsync(rig.Client, full: true);
        await RunDriver.RunAsync(rig.Client, full: true);
        await Task.Delay(1500);

        var attempts = await rig.AttemptsAsync();
        Assert.Single(attempts);
        var crm = Assert.Single(await rig.ExceptionsAsync("crm"));
        Assert.Equal(3, crm.Occurrences);
        Assert.Single(await rig.AuditAsync(crm.Id), a => a.Action == AuditActions.ReplayStarted);
    }

    [Fact]
    public async Task The_figures_count_automatic_replays_per_flow_and_rule_and_the_automation_rate_excludes_people()
    {
        await using var rig = await AutomationRig.StartAsync("Live");
        await rig.IngestShopOnlyAsync(2);
        await RunDriver.RunAsync(rig.Client);
        await rig.WaitForAttemptsAsync(2);
        rig.Factory.Time.Advance(TimeSpan.FromMinutes(1)); // the period ends now, exclusive

        var metrics = JsonDocument.Parse(await (await rig.Client.GetWithTokenAsync("/api/metrics")).Content.ReadAsStringAsync()).RootElement;

        var flow = metrics.GetProperty("flows")[0];
        Assert.Equal((2, 2, 0), (flow.GetProperty("automaticReplaysAttempted").GetInt32(), flow.GetProperty("automaticReplaysVerified").GetInt32(), flow.GetProperty("automaticReplaysFailed").GetInt32()));
        Assert.Equal((2, 1.0), (flow.GetProperty("resolvedWithoutHumanTouch").GetInt32(), flow.GetProperty("automationRate").GetDouble()));
        Assert.Equal(0, flow.GetProperty("manualTouches").GetInt32());
        var rule = flow.GetProperty("automationByRule")[0];
        Assert.Equal(("missing_in_target/crm", 2, 2), (rule.GetProperty("rule").GetString(), rule.GetProperty("attempted").GetInt32(), rule.GetProperty("verified").GetInt32()));
    }
}
