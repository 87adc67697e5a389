using System.Net;
using System.Text.Json.Nodes;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack.Commands;

public sealed class SlowStatusTests
{
    [Fact]
    public async Task When_the_figures_take_too_long_status_answers_at_once_and_the_full_status_follows_through_the_response_url()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake, new Dictionary<string, string?> { ["Slack:StatusInlineBudget"] = "00:00:00" });
        using var client = factory.CreateClient();
        var form = SlackRequests.Form(new()
        {
            ["team_id"] = "T1", ["channel_id"] = "C0CAMP", ["user_id"] = "U0CAMP1", ["command"] = "/recon", ["text"] = "status",
            ["response_url"] = fake.ResponseUrl("status").AbsoluteUri, ["trigger_id"] = "1.2.3",
        });

        var response = await client.SendAsync(SlackRequests.SignedRequest("/slack/commands", form, "application/x-www-form-urlencoded", factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var quick = (await response.Content.ReadAsStringAsync());
        Assert.Contains("are being computed", quick, StringComparison.Ordinal);
        var followUp = Assert.Single(await fake.WaitForAsync("response_url", 1));
        Assert.Equal("ephemeral", followUp.Text("response_type"));
        Assert.Equal("true", followUp.Text("replace_original"));
        Assert.Contains("7 days", followUp.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("are being computed", followUp.Body.ToJsonString(), StringComparison.Ordinal);
    }
}
