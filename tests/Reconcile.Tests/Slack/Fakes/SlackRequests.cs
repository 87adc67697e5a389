using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Slack.Fakes;

/// <summary>Builds requests exactly as Slack sends them: form bodies, X-Slack-Request-Timestamp and a v0 signature.</summary>
public static class SlackRequests
{
    public const string FormType = "application/x-www-form-urlencoded";

    /// <summary>Computed here independently of the product's verifier, as Slack documents it.</summary>
    public static string Sign(string secret, string timestamp, string body)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"));
        return "v0=" + Convert.ToHexStringLower(hash);
    }

    public static HttpRequestMessage SignedRequest(string path, string body, string contentType, DateTimeOffset at, string secret = TestSecrets.SigningSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = UnsignedRequest(path, body, contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Sign(secret, timestamp, body));
        return request;
    }

    public static HttpRequestMessage UnsignedRequest(string path, string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
    }

    public static HttpRequestMessage Command(string text, DateTimeOffset at, string command = "/recon", string user = "U0CAMP1") =>
        SignedRequest("/slack/commands", Form(new()
        {
            ["token"] = "legacy", ["team_id"] = "T1", ["team_domain"] = "acme", ["channel_id"] = "C0CAMP", ["channel_name"] = "campaign",
            ["user_id"] = user, ["user_name"] = "pat", ["command"] = command, ["text"] = text,
            ["response_url"] = "http://127.0.0.1:9/commands/T1/1/abc" /* loopback: tests never reach out to Slack */, ["trigger_id"] = "1.2.3", ["api_app_id"] = "A1",
        }), FormType, at);

    public static HttpRequestMessage Interaction(JsonObject payload, DateTimeOffset at) =>
        SignedRequest("/slack/interactions", Form(new() { ["payload"] = payload.ToJsonString() }), FormType, at);

    /// <summary>An event_callback as the Events API sends it, installed for the bot user <paramref name="botUser"/>.</summary>
    public static HttpRequestMessage Event(JsonObject inner, DateTimeOffset at, string botUser = "U0BOT", string? eventId = null) =>
        SignedRequest("/slack/events", new JsonObject
        {
            ["token"] = "legacy", ["team_id"] = "T1", ["api_app_id"] = "A1", ["type"] = "event_callback",
            ["event_id"] = eventId ?? "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), ["event_time"] = at.ToUnixTimeSeconds(),
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T1", ["user_id"] = botUser, ["is_bot"] = true }),
            ["event"] = inner,
        }.ToJsonString(), "application/json", at);

    public static string Form(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
}
