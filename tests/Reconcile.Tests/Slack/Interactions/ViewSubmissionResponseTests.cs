using Reconcile.Slack.Interactions;

namespace Reconcile.Tests.Slack.Interactions;

public sealed class ViewSubmissionResponseTests
{
    [Fact]
    public void Errors_are_keyed_by_input_block_id_under_response_action_errors()
    {
        var json = new ViewSubmissionResponse(new Dictionary<string, string> { ["reason"] = "A reason is required" }).ToJson();

        Assert.Equal("""{"response_action":"errors","errors":{"reason":"A reason is required"}}""", json.ToJsonString());
    }
}
