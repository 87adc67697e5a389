using Reconcile.Slack.Payloads;

namespace Reconcile.Tests.Slack.Payloads;

public sealed class InteractionParserTests
{
    // bolt-python's block_actions sample (an ephemeral source: no "message"), plus fields Slack may add.
    private const string BlockActions = """
        {"type":"block_actions","user":{"id":"W111","username":"primary-owner","name":"primary-owner","team_id":"T111"},
         "api_app_id":"A111","token":"verification_token",
         "container":{"type":"message","message_ts":"111.222","channel_id":"C111","is_ephemeral":true},
         "trigger_id":"111.222.valid","team":{"id":"T111","domain":"workspace-domain"},
         "channel":{"id":"C111","name":"test-channel"},"response_url":"https://hooks.slack.com/actions/T111/111/random-value",
         "actions":[{"action_id":"recon.approve","block_id":"b","text":{"type":"plain_text","text":"Button","emoji":true},
                     "value":"42","type":"button","action_ts":"1596530385.194939","brand_new_field":{"x":1}}],
         "is_enterprise_install":false,"state":{"values":{}},"something_new":[1,2,3]}
        """;

    [Fact]
    public void A_block_actions_payload_with_extra_fields_parses()
    {
        var payload = Assert.IsType<BlockActionsPayload>(InteractionParser.Parse(BlockActions));

        Assert.Equal("W111", payload.UserId);
        Assert.Equal("C111", payload.ChannelId);
        Assert.Equal("111.222", payload.MessageTs);
        Assert.Equal(new Uri("https://hooks.slack.com/actions/T111/111/random-value"), payload.ResponseUrl);
        var action = Assert.Single(payload.Actions);
        Assert.Equal(("recon.approve", "42", "b"), (action.ActionId, action.Value, action.BlockId));
    }

    [Fact]
    public void A_view_submission_exposes_its_inputs()
    {
        var payload = Assert.IsType<ViewSubmissionPayload>(InteractionParser.Parse("""
            {"type":"view_submission","user":{"id":"U1"},"trigger_id":"t",
             "view":{"id":"V111","callback_id":"recon.approve.modal","private_metadata":"42","hash":"h",
                     "state":{"values":{"reason":{"reason_input":{"type":"plain_text_input","value":"checked with finance"}}}}},
             "response_urls":[]}
            """));

        Assert.Equal("recon.approve.modal", payload.CallbackId);
        Assert.Equal("42", payload.PrivateMetadata);
        Assert.Equal("checked with finance", payload.InputValue("reason", "reason_input"));
        Assert.Null(payload.InputValue("reason", "missing"));
    }

    [Theory]
    [InlineData("", "'payload'")]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("""{"user":{"id":"U1"},"actions":[]}""", "no 'type'")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"}}""", "'actions'")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1"},"actions":[{"value":"1"}]}""", "'action_id'")]
    [InlineData("""{"type":"block_actions","actions":[{"action_id":"a"}]}""", "'user.id'")]
    [InlineData("""{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V"}}""", "callback_id")]
    [InlineData("""{"type":"shortcut","user":{"id":"U1"}}""", "not supported")]
    public void Malformed_payloads_raise_a_clear_message(string json, string expected)
    {
        var error = Assert.Throws<SlackPayloadException>(() => InteractionParser.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_a_malformed_payload_not_a_crash()
    {
        var ex = Assert.Throws<SlackPayloadException>(() => InteractionParser.Parse(BlockActions.Replace("\"W111\"", "\"\\udc00\"", StringComparison.Ordinal)));

        Assert.Contains("'id'", ex.Message, StringComparison.Ordinal);
    }
}
