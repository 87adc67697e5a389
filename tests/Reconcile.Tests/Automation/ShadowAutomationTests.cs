using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Slack.Notifications;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Automation;

/// <summary>Shadow automation, the canary: decide and record, write nothing, page as if automation were off, sum it up daily.</summary>
public sealed class ShadowAutomationTests
{
    [Fact]
    public async Task Shadow_records_would_replay_writes_nothing_and_pages_the_owner_as_if_off()
    {
        await using var rig = await AutomationRig.StartAsync("Shadow");
        await rig.IngestShopOnlyAsync(1);

        await RunDriver.RunAsync(rig.Client);

        var attempt = Assert.Single(await rig.WaitForAttemptsAsync(1));
        Assert.Equal((AutomationAttemptStatus.ShadowMode, AutomationAttemptStatus.WouldReplay), (attempt.Mode, attempt.Status));
        var crm = Assert.Single(await rig.ExceptionsAsync("crm"));
        Assert.Equal(ExceptionState.Open, crm.State);
        var trail = await rig.AuditAsync(crm.Id);
        Assert.Equal([AuditActions.Opened, AuditActions.WouldReplay], trail.Select(a => a.Action));
        Assert.Equal((WorkflowActors.Auto, "open", "open"), (trail[1].Actor, trail[1].FromState, trail[1].ToState));
        Assert.False(await SlackTestHost.QueryAsync(rig.Factory, db => db.Records.AnyAsync(r => r.System == "crm")));
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(rig.PostsTo("C0CRM").Count == 1 && rig.PostsTo("C0FIN").Count == 1));
    }

    [Fact]
    public async Task The_daily_summary_says_what_automation_would_have_done_by_rule()
    {
        await using var rig = await AutomationRig.StartAsync("Shadow");
        await rig.IngestShopOnlyAsync(3);
        await RunDriver.RunAsync(rig.Client);
        await rig.WaitForAttemptsAsync(3);
        await rig.Slack.WaitForAsync("chat.postMessage", 6);

        await using (var scope = rig.Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AutomationShadowSummary>().QueueAsync(CancellationToken.None));
        }

        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(rig.PostsTo("C0CAMP").Count == 1));
        var summary = rig.PostsTo("C0CAMP")[0].Text("text");
        Assert.Contains("Automation shadow for *promo-to-billing*", summary, StringComparison.Ordinal);
        Assert.Contains("it would have replayed 3 exception(s) (missing_in_target/crm 3)", summary, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", summary, StringComparison.Ordinal);
    }
}
