using Microsoft.Extensions.DependencyInjection;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Tests.Slack;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Workflow;

namespace Reconcile.Tests.Workflow;

/// <summary>The SLA sweep, called directly with the fake clock: one escalation per breach.</summary>
public sealed class SlaSweepTests
{
    [Fact]
    public async Task An_overdue_exception_is_escalated_once_and_again_only_when_the_new_due_time_passes()
    {
        await using var host = await WorkflowHost.StartAsync();
        var now = host.Factory.Time.GetUtcNow();
        var exception = await host.PostAsync(TestExceptions.Open(slaDueAt: now.AddHours(-1)));
        var onTime = await host.PostAsync(TestExceptions.Open(orderId: "1043", slaDueAt: now.AddHours(1)));

        Assert.Equal(1, await SweepAsync(host));
        Assert.Equal(0, await SweepAsync(host));

        var escalated = await host.ExceptionAsync(exception.Id);
        Assert.Equal((ExceptionState.Escalated, "revops-lead", 1, (DateTimeOffset?)now.AddHours(-1)), (escalated.State, escalated.Owner, escalated.EscalationLevel, escalated.SlaBreachHandledFor));
        Assert.True(escalated.SlaDueAt > now);
        var audit = Assert.Single(await host.AuditAsync(exception.Id));
        Assert.Equal((AuditActions.Escalated, WorkflowActors.Sla), (audit.Action, audit.Actor));
        Assert.Equal(ExceptionState.Open, (await host.ExceptionAsync(onTime.Id)).State);
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage")
            .Any(c => c.Text("thread_ts") == exception.SlackTs && c.Text("text")!.Contains("<@U0LEAD>", StringComparison.Ordinal))));
        await SlackTestHost.WaitUntilAsync(() => Task.FromResult(host.Slack.Calls("chat.postMessage")
            .Any(c => c.Text("channel") == "C0FIN" && c.Text("text")!.Contains("affects billing", StringComparison.Ordinal))));

        host.Factory.Time.SetUtcNow(escalated.SlaDueAt.AddMinutes(1));
        Assert.Equal(2, await SweepAsync(host)); // the 1043 exception is overdue by now too
        var atEnd = await host.ExceptionAsync(exception.Id);
        Assert.Equal(("revops-lead", 1, escalated.SlaDueAt), (atEnd.Owner, atEnd.EscalationLevel, atEnd.SlaBreachHandledFor));
        Assert.Equal(AuditActions.SlaBreached, (await host.AuditAsync(exception.Id))[^1].Action);
        Assert.Equal(0, await SweepAsync(host));
    }

    [Fact]
    public async Task The_sweep_leaves_resolved_and_replaying_exceptions_alone()
    {
        await using var host = await WorkflowHost.StartAsync();
        var now = host.Factory.Time.GetUtcNow();
        var resolved = TestExceptions.Open(slaDueAt: now.AddHours(-1));
        resolved.State = ExceptionState.Resolved;
        var replaying = TestExceptions.Open(orderId: "1043", slaDueAt: now.AddHours(-1));
        replaying.State = ExceptionState.Replaying;
        await SlackTestHost.OpenAsync(host.Factory, resolved, replaying);

        Assert.Equal(0, await SweepAsync(host));
    }

    private static async Task<int> SweepAsync(WorkflowHost host)
    {
        using var scope = host.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SlaSweep>().SweepAsync(default);
    }
}
