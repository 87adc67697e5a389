using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Slack.Events;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Slack;

/// <summary>/slack/* through the real host: verification first, then parsing, never a 500.</summary>
[Collection(DefaultHost.Name)]
public sealed class SlackEndpointTests(ReconcileFactory factory)
{
    private static readonly JsonObject UnknownClick = JsonNode.Parse("""
        {"type":"block_actions","user":{"id":"U0CRM1"},"channel":{"id":"C0CRM"},"container":{"message_ts":"1.2"},
         "actions":[{"action_id":"recon.unknown","block_id":"b","value":"42","type":"button"}],"response_url":"RESPONSE_URL"}
        """)!.AsObject();

    [Fact]
    public async Task A_bad_signature_is_refused_with_401_and_nothing_is_processed()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake);
        using var client = factory.CreateClient();

        var request = SlackRequests.Interaction(Click(fake), factory.Time.GetUtcNow());
        request.Headers.Remove("X-Slack-Signature");
        request.Headers.Add("X-Slack-Signature", SlackRequests.Sign("wrong-secret", factory.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "x"));
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingQueuedAsync(factory, fake);
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_with_401_even_when_correctly_signed()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake);
        using var client = factory.CreateClient();

        var response = await client.SendAsync(SlackRequests.Interaction(Click(fake), factory.Time.GetUtcNow().AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingQueuedAsync(factory, fake);
    }

    [Fact]
    public async Task Missing_signature_headers_are_refused_with_401()
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(SlackRequests.UnsignedRequest("/slack/commands", "command=%2Frecon&text=status&user_id=U1", SlackRequests.FormType));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("payload=%7Bnot-json", "not valid JSON")]
    [InlineData("payload=%7B%22user%22%3A%7B%22id%22%3A%22U1%22%7D%7D", "no 'type'")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%2C%22actions%22%3A%5B%7B%7D%5D%7D", "action_id")]
    [InlineData("nothing=here", "'payload'")]
    public async Task A_malformed_interaction_is_refused_with_400_and_a_clear_message(string body, string expected)
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake);
        using var client = factory.CreateClient();

        var response = await client.SendAsync(SlackRequests.SignedRequest("/slack/interactions", body, SlackRequests.FormType, factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingQueuedAsync(factory, fake);
    }

    [Fact]
    public async Task A_signed_interaction_with_the_wrong_content_type_is_a_400()
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(SlackRequests.SignedRequest("/slack/interactions", "{\"type\":\"block_actions\"}", "application/json", factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        using var client = factory.CreateClient();

        var body = "payload=" + new string('a', 1024 * 1024 + 10);
        var response = await client.SendAsync(SlackRequests.SignedRequest("/slack/interactions", body, SlackRequests.FormType, factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Slacks_unsigned_ssl_check_gets_200_and_nothing_else()
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(SlackRequests.UnsignedRequest("/slack/commands", "ssl_check=1&token=legacy", SlackRequests.FormType));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_click_on_an_unhandled_button_is_acknowledged_and_explained_through_its_response_url()
    {
        await using var fake = await FakeSlackApi.StartAsync();
        using var factory = SlackTestHost.Create(fake);
        using var client = factory.CreateClient();

        var response = await client.SendAsync(SlackRequests.Interaction(Click(fake), factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var explained = (await fake.WaitForAsync("response_url", 1))[0];
        Assert.Equal("ephemeral", explained.Text("response_type"));
        Assert.Contains("isn't connected", explained.Text("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Url_verification_answers_the_challenge()
    {
        using var client = factory.CreateClient();

        var body = """{"token":"legacy","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";
        var response = await client.SendAsync(SlackRequests.SignedRequest("/slack/events", body, "application/json", factory.Time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", json.RootElement.GetProperty("challenge").GetString());
    }

    [Fact]
    public async Task Other_events_and_their_retries_are_acknowledged()
    {
        using var client = factory.CreateClient();
        var body = """{"type":"event_callback","event_id":"Ev1","event":{"type":"app_mention","text":"hi"}}""";

        var first = await client.SendAsync(SlackRequests.SignedRequest("/slack/events", body, "application/json", factory.Time.GetUtcNow()));
        var retry = SlackRequests.SignedRequest("/slack/events", body, "application/json", factory.Time.GetUtcNow());
        retry.Headers.Add("X-Slack-Retry-Num", "1");
        var second = await client.SendAsync(retry);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.False(factory.Services.GetRequiredService<SeenEvents>().TryAdd("Ev1"));
    }

    private static JsonObject Click(FakeSlackApi fake)
    {
        var payload = (JsonObject)UnknownClick.DeepClone();
        payload["response_url"] = fake.ResponseUrl("actions/T1/1/abc").AbsoluteUri;
        return payload;
    }

    private static async Task AssertNothingQueuedAsync(ReconcileFactory factory, FakeSlackApi fake)
    {
        await Task.Delay(300);
        Assert.Equal(0, await SlackTestHost.QueryAsync(factory, db => db.SlackOutbox.CountAsync()));
        Assert.Empty(fake.Calls());
    }
}
