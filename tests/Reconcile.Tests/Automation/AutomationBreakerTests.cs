using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Lifecycle;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Automation;

/// <summary>The automation breaker: too many failed automatic replays (or a run past MaxExceptionRate) switch automation off, alert once, and only an admin switches it back.</summary>
[Collection(Reconcile.Tests.Reconciliation.MetricsScrapes.Name)]
public sealed class AutomationBreakerTests
{
    private static readonly (string, string)[] Breaker =
    [
        ("Systems:crm:Connector:Faults:DropWrites", "true"),
        ("Flows:promo-to-billing:Automation:MinAttempts", "2"),
        ("Flows:promo-to-billing:Automation:MaxFailureRate", "0.4"),
        ("Slack:Admins:0", "U0ADMIN"),
    ];

    [Fact]
    public async Task After_the_configured_failures_automation_switches_off_alerts_once_and_pages_the_rest()
    {
        await using var rig = await AutomationRig.StartAsync("Live", Breaker);
        await rig.IngestShopOnlyAsync(4);

        await RunDriver.RunAsync(rig.Client);

        var attempts = await rig.WaitForAttemptsAsync(2);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(rig.PostsTo("C0CRM").Count == 4 && rig.PostsTo("C0CAMP").Count == 1));
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(AutomationAttemptStatus.Failed, a.Status));
        var switched = Assert.Single(await rig.AuditAsync(null), a => a.Action == AuditActions.AutomationDisabled);
        Assert.Equal((WorkflowActors.Auto, "on", "off"), (switched.Actor, switched.FromState, switched.ToState));
        Assert.Contains("2 of the last 2 automatic replays failed", switched.Reason, StringComparison.Ordinal);
        var alert = rig.PostsTo("C0CAMP")[0].Body.ToJsonString();
        Assert.Contains("Automation switched off for promo-to-billing", alert, StringComparison.Ordinal);
        Assert.Contains(AutomationActionIds.Enable, alert, StringComparison.Ordinal);
        var scrape = await (await rig.Client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("reconcile_automation_switched_off{otel_scope_name=\"Reconcile\",flow=\"promo-to-billing\"} 1", scrape, StringComparison.Ordinal);
        Assert.Contains("reconcile_automation_attempts{otel_scope_name=\"Reconcile\",flow=\"promo-to-billing\",rule=\"missing_in_target/crm\",status=\"failed\"} 2", scrape, StringComparison.Ordinal);

        // Switched off, the next run tries nothing and says nothing more.
        await rig.IngestShopOnlyAsync(1, first: 7100);
        await RunDriver.RunAsync(rig.Client);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(rig.PostsTo("C0CRM").Count == 5));
        await Task.Delay(1000);
        Assert.Equal(2, (await rig.AttemptsAsync()).Count);
        Assert.Single(rig.PostsTo("C0CAMP"));
        Assert.Single(await rig.AuditAsync(null), a => a.Action == AuditActions.AutomationDisabled);
    }

    [Fact]
    public async Task Only_an_admins_click_switches_it_back_on_and_both_clicks_are_audited()
    {
        await using var rig = await AutomationRig.StartAsync("Live", Breaker);
        await rig.IngestShopOnlyAsync(2);
        await RunDriver.RunAsync(rig.Client);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(rig.PostsTo("C0CAMP").Count == 1));

        var refused = await ClickAsync(rig, "U0CRM1");
        Assert.Contains("Only Reconcile admins", refused, StringComparison.Ordinal);
        Assert.False(await IsOnAsync(rig));
        var denied = Assert.Single(await rig.AuditAsync(null), a => a.Action == AuditActions.Denied);
        Assert.Equal("U0CRM1", denied.Actor);

        var accepted = await ClickAsync(rig, "U0ADMIN");
        Assert.Contains("Automation for promo-to-billing is on again", accepted, StringComparison.Ordinal);
        Assert.True(await IsOnAsync(rig));
        var enabled = Assert.Single(await rig.AuditAsync(null), a => a.Action == AuditActions.AutomationEnabled);
        Assert.Equal(("U0ADMIN", "off", "on"), (enabled.Actor, enabled.FromState, enabled.ToState));
    }

    [Fact]
    public async Task A_run_past_the_flows_exception_rate_switches_automation_off_and_tries_nothing()
    {
        await using var rig = await AutomationRig.StartAsync("Live", ("Flows:promo-to-billing:MaxExceptionRate", "0.1"));
        await rig.IngestShopOnlyAsync(25);

        var run = await RunDriver.RunAsync(rig.Client);

        Assert.True(run.GetProperty("circuitBreakerTripped").GetBoolean());
        await SlackTestHost.WaitUntilAsync(async () => (await rig.AuditAsync(null)).Any(a => a.Action == AuditActions.AutomationDisabled));
        var switched = Assert.Single(await rig.AuditAsync(null), a => a.Action == AuditActions.AutomationDisabled);
        Assert.Contains($"run {run.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture)} tripped the flow's circuit breaker", switched.Reason, StringComparison.Ordinal);
        Assert.Empty(await rig.AttemptsAsync());
        Assert.False(await IsOnAsync(rig));
    }

    [Fact]
    public async Task The_switch_state_survives_a_restart()
    {
        var directory = TestDirectory.Create();
        var database = ("Database:ConnectionString", $"Data Source={Path.Combine(directory, "switch.db")}");
        // The command's sender (U0CAMP1) is an admin before the restart, and not after it.
        await using (var before = await AutomationRig.StartAsync("Live", database, ("Slack:Admins:0", "U0CAMP1")))
        {
            var reply = await CommandAsync(before, "automation promo-to-billing off");
            Assert.Contains("is now off", reply, StringComparison.Ordinal);
        }

        await using var after = await AutomationRig.StartAsync("Live", database);
        Assert.False(await IsOnAsync(after));
        var status = await CommandAsync(after, "automation promo-to-billing status");
        Assert.Contains("mode Live, switch off (switched off by <@U0CAMP1>", status, StringComparison.Ordinal);
        Assert.Contains("Only Reconcile admins", await CommandAsync(after, "automation promo-to-billing on"), StringComparison.Ordinal);
        Assert.False(await IsOnAsync(after));
    }

    private static Task<bool> IsOnAsync(AutomationRig rig) =>
        SlackTestHost.QueryAsync(rig.Factory, db => db.AutomationSwitches.AllAsync(s => s.Flow != "promo-to-billing" || s.Enabled));

    private static async Task<string> ClickAsync(AutomationRig rig, string user)
    {
        var responseUrl = rig.Slack.ResponseUrl($"actions/T1/{Guid.NewGuid():N}");
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = user },
            ["channel"] = new JsonObject { ["id"] = "C0CAMP" },
            ["trigger_id"] = "111.222.valid",
            ["response_url"] = responseUrl.AbsoluteUri,
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = AutomationActionIds.Enable, ["block_id"] = "recon-automation-promo-to-billing", ["value"] = "promo-to-billing", ["type"] = "button",
            }),
        };
        var before = rig.Slack.Calls("response_url").Count;
        var response = await rig.Client.SendAsync(SlackRequests.Interaction(payload, rig.Factory.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = await rig.Slack.WaitForAsync("response_url", before + 1);
        return replies[^1].Text("text")!;
    }

    private static async Task<string> CommandAsync(AutomationRig rig, string text)
    {
        var response = await rig.Client.SendAsync(SlackRequests.Command(text, rig.Factory.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["text"]!.ToString();
    }
}
