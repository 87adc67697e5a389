using System.Net;
using System.Text.Json.Nodes;
using Reconcile.Lifecycle;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Slack.Fakes;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Slack.Interactions;

/// <summary>One signed request is one click: a payload stuffed with actions runs only the first.</summary>
public sealed class InteractionEndpointTests
{
    [Fact]
    public async Task A_payload_carrying_a_hundred_actions_runs_one_handler_and_audits_once()
    {
        await using var host = await WorkflowHost.StartAsync();
        var exception = await host.PostAsync(TestExceptions.Open());
        var payload = host.Click(ExceptionActionIds.Escalate, exception, "U0FIN1", exception.Version);
        var actions = (JsonArray)payload["actions"]!;
        for (var i = 1; i < 100; i++)
        {
            actions.Add(actions[0]!.DeepClone());
        }

        var response = await host.Client.SendAsync(SlackRequests.Interaction(payload, host.Factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Slack.WaitForAsync("response_url", 1);
        await Task.Delay(300);
        Assert.Single(host.Slack.Calls("response_url"));
        Assert.Equal(AuditActions.Denied, Assert.Single(await host.AuditAsync(exception.Id)).Action);
    }
}
