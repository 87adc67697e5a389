using System.Net;
using System.Text;
using System.Text.Json;
using Reconcile.Engine.Records;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Webhooks;

/// <summary>A Shopify-style shop (examples/systems/shop-shopify.json): orders with money as decimal strings, 64-bit ids, the shop's offset.</summary>
public sealed class ShopifyStyleWebhookTests(ExampleHosts hosts) : IClassFixture<ExampleHosts>, IAsyncLifetime
{
    private ReconcileFactory _factory = null!;
    private HttpClient _client = null!;

    /// <summary>Takes the class's shared host, emptied of what earlier tests stored.</summary>
    public async Task InitializeAsync()
    {
        _factory = await hosts.CleanAsync("shop-shopify.json", "shop");
        _client = _factory.CreateClient();
    }

    // Built by hand in the shape of a Shopify REST Admin API Order (orders/create webhook).
    internal const string UsdOrder = """
        {"id":6201234567890123456,"name":"#1001","order_number":1001,"currency":"usd ",
         "subtotal_price":"403.10","total_discounts":"40.31","total_tax":"0.00","total_price":"362.79",
         "financial_status":"authorized","customer":{"id":7012345678901234567,"email":"a@example.com"},
         "discount_codes":[{"code":"SPRING24","amount":"40.31","type":"percentage"}],
         "created_at":"2026-11-20T04:30:00-05:00","updated_at":"2026-11-20T05:00:00-05:00",
         "line_items":[{"id":1,"sku":"SKU-1","variant_id":111,"quantity":2,"price":"150.05"},
                       {"id":2,"sku":"","variant_id":445566,"quantity":1,"price":"103.00"}]}
        """;

    private const string JpyOrder = """
        {"id":6201234567890123457,"name":"#1002","order_number":1002,"currency":"JPY",
         "subtotal_price":"4030","total_discounts":"0","total_tax":"403","total_price":"4433",
         "financial_status":"paid","discount_codes":[],
         "updated_at":"2026-11-21T09:15:00+09:00",
         "line_items":[{"id":3,"sku":"TEA-7","quantity":1,"price":"4030"}]}
        """;

    private Task<HttpResponseMessage> SendAsync(string body, string? signature = null, string deliveryId = "wh-1") =>
        WebhookHost.PostAsync(_client, "shop", body,
            ("X-Shopify-Hmac-Sha256", signature ?? WebhookHost.Base64Hmac(WebhookHost.Secret, Encoding.UTF8.GetBytes(body))),
            ("X-Shopify-Topic", "orders/create"), ("X-Shopify-Webhook-Id", deliveryId));

    [Fact]
    public async Task A_signed_order_becomes_a_canonical_record_field_by_field()
    {
        var response = await SendAsync(UsdOrder);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = CanonicalJson.Deserialize(Assert.Single(await WebhookHost.RecordsAsync(_factory, "shop")).Payload!);
        Assert.Equal("1001", record.OrderId);
        Assert.Equal("6201234567890123456", record.ExternalId);
        Assert.Equal("7012345678901234567", record.CustomerId);
        Assert.Equal("USD", record.Currency);
        Assert.Equal(403.10m, record.Subtotal);
        Assert.Equal(40.31m, record.Discount);
        Assert.Equal(0m, record.Tax);
        Assert.Equal(362.79m, record.Total);
        Assert.Equal("SPRING24", record.PromoCode);
        Assert.Equal("pending", record.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), record.UpdatedAt);
        Assert.Equal(TimeSpan.Zero, record.UpdatedAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), record.CreatedAt);
        Assert.Equal([new OrderLine("SKU-1", 2, 150.05m), new OrderLine("445566", 1, 103.00m)], record.Lines);
    }

    [Fact]
    public async Task A_yen_order_keeps_whole_yen()
    {
        var response = await SendAsync(JpyOrder);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = CanonicalJson.Deserialize(Assert.Single(await WebhookHost.RecordsAsync(_factory, "shop")).Payload!);
        Assert.Equal(("1002", "JPY", 4030m, 403m, 4433m), (record.OrderId, record.Currency, record.Subtotal, record.Tax, record.Total));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 15, 0, TimeSpan.Zero), record.UpdatedAt);
        Assert.Equal([new OrderLine("TEA-7", 1, 4030m)], record.Lines);
        Assert.Null(record.PromoCode);
    }

    [Theory]
    [InlineData("bm90IHRoZSBzaWduYXR1cmU=")]
    [InlineData("not base64 at all")]
    [InlineData("")]
    public async Task A_missing_or_wrong_signature_is_refused_and_nothing_is_stored(string signature)
    {
        var response = signature.Length == 0
            ? await WebhookHost.PostAsync(_client, "shop", UsdOrder, ("X-Shopify-Webhook-Id", "wh-2"))
            : await SendAsync(UsdOrder, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Shopify-Hmac-Sha256", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await WebhookHost.RecordsAsync(_factory, "shop"));
    }

    [Fact]
    public async Task A_signature_of_other_bytes_is_refused_even_when_the_json_is_the_same()
    {
        var reformatted = UsdOrder.Replace("\n", "", StringComparison.Ordinal);
        var response = await SendAsync(UsdOrder, WebhookHost.Base64Hmac(WebhookHost.Secret, Encoding.UTF8.GetBytes(reformatted)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await WebhookHost.RecordsAsync(_factory, "shop"));
    }

    [Fact]
    public async Task A_retried_delivery_is_acknowledged_and_stored_once()
    {
        var first = await SendAsync(UsdOrder, deliveryId: "wh-retry");
        var changed = UsdOrder.Replace("\"total_tax\":\"0.00\"", "\"total_tax\":\"1.00\"", StringComparison.Ordinal);
        var retry = await SendAsync(changed, deliveryId: "wh-retry");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var answer = JsonDocument.Parse(await retry.Content.ReadAsStringAsync()).RootElement;
        Assert.True(answer.GetProperty("duplicate").GetBoolean());
        Assert.Equal("wh-retry", answer.GetProperty("deliveryId").GetString());
        var stored = Assert.Single(await WebhookHost.RecordsAsync(_factory, "shop"));
        Assert.Equal(1, stored.Version);
        Assert.Equal(0m, CanonicalJson.Deserialize(stored.Payload!).Tax);
    }

    [Fact]
    public async Task An_order_whose_money_does_not_read_is_quarantined_with_the_pointer_and_the_reason()
    {
        var drifted = UsdOrder.Replace("\"total_price\":\"362.79\"", "\"total_price\":\"362,79\"", StringComparison.Ordinal);

        var response = await SendAsync(drifted);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, answer.GetProperty("accepted").GetInt32());
        Assert.Equal(1, answer.GetProperty("quarantined").GetInt32());
        var error = Assert.Single(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal("total", error.GetProperty("field").GetString());
        Assert.Equal("1001", error.GetProperty("orderId").GetString());
        Assert.Equal("\"362,79\" at /total_price is not a decimal number", error.GetProperty("message").GetString());
        var stored = Assert.Single(await WebhookHost.RecordsAsync(_factory, "shop"));
        Assert.True(stored.Quarantined);
        Assert.Equal("1001", stored.OrderId);
        Assert.Contains("/total_price", stored.QuarantineReason, StringComparison.Ordinal);
        Assert.Contains("362,79", stored.RawPayload, StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }
}
