using Microsoft.Extensions.DependencyInjection;
using Reconcile.Auditing;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Tests.Slack;
using Reconcile.Workflow;

namespace Reconcile.Tests.Workflow;

/// <summary>One decision, one transition: simultaneous submissions for one exception change it once.</summary>
[Collection(SharedWorkflowHost.Name)]
public sealed class ConcurrencyTests(WorkflowHostFixture shared) : IAsyncLifetime
{
    public Task InitializeAsync() => shared.Host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Twenty_concurrent_approvals_make_exactly_one_transition_and_the_others_are_told_who_acted()
    {
        var host = shared.Host;
        var exception = await host.PostAsync(TestExceptions.Open());

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            host.SubmitApprovalAsync(exception.Id, "U0CRM1", "Customer agreed by phone", "Fixed the promo tag in the CRM by hand")));

        Assert.All(answers, Assert.Null);
        var after = await host.ExceptionAsync(exception.Id);
        Assert.Equal((ExceptionState.Resolved, exception.Version + 1), (after.State, after.Version));
        Assert.Single(await host.AuditAsync(exception.Id), a => a.Action == AuditActions.Approved);
        var told = await host.Slack.WaitForAsync("chat.postEphemeral", 19);
        Assert.All(told, c => Assert.Contains("Already resolved (approved) by <@U0CRM1>", c.Text("text"), StringComparison.Ordinal));
        await Task.Delay(300);
        Assert.Single(host.Slack.Calls("chat.update"));
        using var scope = host.Factory.Services.CreateScope();
        var chain = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(default);
        Assert.True(chain.Intact, chain.Problem);
    }
}
