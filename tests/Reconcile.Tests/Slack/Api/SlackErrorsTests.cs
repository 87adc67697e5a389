using System.Net;
using System.Text.Json;
using Reconcile.Slack.Api;

namespace Reconcile.Tests.Slack.Api;

public sealed class SlackErrorsTests
{
    [Theory]
    [InlineData(429, "ratelimited", true)]
    [InlineData(500, "http_500", true)]
    [InlineData(503, "http_503", true)]
    [InlineData(200, "internal_error", true)]
    [InlineData(200, "fatal_error", true)]
    [InlineData(200, "service_unavailable", true)]
    [InlineData(200, "request_timeout", true)]
    [InlineData(200, "rate_limited", true)]
    [InlineData(200, "channel_not_found", false)]
    [InlineData(200, "not_in_channel", false)]
    [InlineData(200, "invalid_auth", false)]
    [InlineData(200, "missing_scope", false)]
    [InlineData(200, "account_inactive", false)]
    [InlineData(200, "token_revoked", false)]
    [InlineData(200, "invalid_blocks", false)]
    [InlineData(404, "http_404", false)]
    public void Only_rate_limits_server_trouble_and_transient_codes_are_retried(int status, string error, bool transient) =>
        Assert.Equal(transient, SlackErrors.IsTransient(new SlackApiResponse((HttpStatusCode)status, false, error, [], null, default(JsonElement))));

    [Fact]
    public void A_successful_answer_is_never_retried() =>
        Assert.False(SlackErrors.IsTransient(new SlackApiResponse(HttpStatusCode.OK, true, null, [], null, default(JsonElement))));
}
