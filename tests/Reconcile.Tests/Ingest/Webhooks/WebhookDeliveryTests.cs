using System.Net;
using System.Text;
using System.Text.Json;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Webhooks;

/// <summary>What holds for every system's webhook: de-duplication across restarts, the ingest-token fallback, the generic HMAC, clear refusals.</summary>
public sealed class WebhookDeliveryTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    private static string Sign(string body) => WebhookHost.Base64Hmac(WebhookHost.Secret, Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task A_delivery_retried_after_a_restart_is_still_stored_once()
    {
        var database = new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "shared.db")}" };
        var body = ShopifyStyleWebhookTests.UsdOrder;
        var retry = body.Replace("\"total_tax\":\"0.00\"", "\"total_tax\":\"2.00\"", StringComparison.Ordinal);

        using (var before = WebhookHost.Create("shop-shopify.json", "shop", database))
        using (var client = before.CreateClient())
        {
            var first = await WebhookHost.PostAsync(client, "shop", body, ("X-Shopify-Hmac-Sha256", Sign(body)), ("X-Shopify-Webhook-Id", "wh-restart"));
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var after = WebhookHost.Create("shop-shopify.json", "shop", database);
        using var again = after.CreateClient();
        var second = await WebhookHost.PostAsync(again, "shop", retry, ("X-Shopify-Hmac-Sha256", Sign(retry)), ("X-Shopify-Webhook-Id", "wh-restart"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stored = Assert.Single(await WebhookHost.RecordsAsync(after, "shop"));
        Assert.Equal(1, stored.Version);
        Assert.Contains("\"total_tax\":\"0.00\"", stored.RawPayload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stripe_event_redelivered_after_a_restart_is_still_stored_once()
    {
        var database = new Dictionary<string, string?> { ["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "stripe.db")}" };
        const string Body = """{"id":"evt_restart","type":"invoice.paid","data":{"object":{"id":"in_9","currency":"jpy","total":1200,"created":1795168800,"metadata":{"order_id":"77"}}}}""";

        async Task<HttpResponseMessage> SendAsync(ReconcileFactory factory)
        {
            using var client = factory.CreateClient();
            var t = factory.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await WebhookHost.PostAsync(client, "billing", Body, ("Stripe-Signature", $"t={t},v1={WebhookHost.HexHmac(WebhookHost.Secret, Encoding.UTF8.GetBytes($"{t}.{Body}"))}"));
        }

        using (var before = WebhookHost.Create("billing-stripe.json", "billing", database))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(before)).StatusCode);
        }

        using var after = WebhookHost.Create("billing-stripe.json", "billing", database);
        after.Time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(after)).StatusCode);
        var stored = Assert.Single(await WebhookHost.RecordsAsync(after, "billing"));
        Assert.Equal(("77", 1, "JPY"), (stored.OrderId, stored.Version, Reconcile.Engine.Records.CanonicalJson.Deserialize(stored.Payload!).Currency));
    }

    [Fact]
    public async Task An_unsigned_system_takes_an_array_with_its_ingest_token_and_refuses_without()
    {
        using var factory = WebhookHost.Create("shop-shopify.json", "shop", new Dictionary<string, string?> { ["Systems:shop:Webhook:Signature"] = "none" });
        using var client = factory.CreateClient();
        var body = $"[{ShopifyStyleWebhookTests.UsdOrder},{ShopifyStyleWebhookTests.UsdOrder.Replace("\"order_number\":1001", "\"order_number\":1003", StringComparison.Ordinal)}]";

        var refused = await WebhookHost.PostAsync(client, "shop", body);
        var wrong = await WebhookHost.PostAsync(client, "shop", body, ("Authorization", "Bearer not-the-token"));
        var accepted = await WebhookHost.PostAsync(client, "shop", body, ("Authorization", $"Bearer {WebhookHost.IngestToken}"));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("accepted").GetInt32());
        Assert.Equal(["1001", "1003"], (await WebhookHost.RecordsAsync(factory, "shop")).Select(r => r.OrderId));
    }

    [Theory]
    [InlineData("hex", "sha256=")]
    [InlineData("base64", "")]
    public async Task A_generic_hmac_is_read_from_the_configured_header_and_encoding(string encoding, string prefix)
    {
        using var factory = WebhookHost.Create("shop-shopify.json", "shop", new Dictionary<string, string?>
        {
            ["Systems:shop:Webhook:Signature"] = "hmac-sha256",
            ["Systems:shop:Webhook:Header"] = "X-Signature",
            ["Systems:shop:Webhook:Encoding"] = encoding,
            ["Systems:shop:Webhook:Prefix"] = prefix,
        });
        using var client = factory.CreateClient();
        var body = ShopifyStyleWebhookTests.UsdOrder;
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = prefix + (encoding == "hex" ? WebhookHost.HexHmac(WebhookHost.Secret, bytes) : WebhookHost.Base64Hmac(WebhookHost.Secret, bytes));

        var wrong = await WebhookHost.PostAsync(client, "shop", body, ("X-Signature", prefix + (encoding == "hex" ? new string('0', 64) : Sign("other"))));
        var right = await WebhookHost.PostAsync(client, "shop", body, ("X-Signature", signature));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        Assert.Single(await WebhookHost.RecordsAsync(factory, "shop"));
    }

    [Fact]
    public async Task A_signed_body_that_is_not_json_gets_a_clear_400_and_an_unknown_system_a_404()
    {
        using var factory = WebhookHost.Create("shop-shopify.json", "shop");
        using var client = factory.CreateClient();

        var malformed = await WebhookHost.PostAsync(client, "shop", "{\"id\":", ("X-Shopify-Hmac-Sha256", Sign("{\"id\":")));
        var unknown = await WebhookHost.PostAsync(client, "warehouse", "{}");
        var noWebhook = await WebhookHost.PostAsync(client, "billing", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("not valid JSON", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noWebhook.StatusCode);
        Assert.Contains("Systems:billing:Webhook", await noWebhook.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await WebhookHost.RecordsAsync(factory, "shop"));
    }

    [Fact]
    public async Task Signed_bad_bytes_get_a_400_and_a_lone_surrogate_is_quarantined_never_a_500()
    {
        using var factory = WebhookHost.Create("shop-shopify.json", "shop");
        using var client = factory.CreateClient();
        byte[] invalidUtf8 = [.. "{\"order_number\":\""u8, 0xFF, .. "\"}"u8];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/systems/shop/webhook", UriKind.Relative)) { Content = new ByteArrayContent(invalidUtf8) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-Shopify-Hmac-Sha256", WebhookHost.Base64Hmac(WebhookHost.Secret, invalidUtf8));

        var badBytes = await client.SendAsync(request);
        const string surrogate = """{"order_number":"1001","currency":"USD","total_price":"1.00","updated_at":"2026-11-20T05:00:00Z","note":"x","customer":{"id":"\udc00"}}""";
        var loneSurrogate = await WebhookHost.PostAsync(client, "shop", surrogate, ("X-Shopify-Hmac-Sha256", Sign(surrogate)));

        Assert.Equal(HttpStatusCode.BadRequest, badBytes.StatusCode);
        Assert.Contains("not valid UTF-8", await badBytes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, loneSurrogate.StatusCode);
        Assert.Contains("\"quarantined\":1", await loneSurrogate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(Assert.Single(await WebhookHost.RecordsAsync(factory, "shop")).Quarantined);
    }

    public void Dispose() => TestDirectory.TryDelete(_directory);
}
