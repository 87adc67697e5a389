using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Reconcile.Engine.Records;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Webhooks;

/// <summary>A Stripe-style billing (examples/systems/billing-stripe.json): invoices in integer minor units inside signed event envelopes.</summary>
public sealed class StripeStyleWebhookTests(ExampleHosts hosts) : IClassFixture<ExampleHosts>, IAsyncLifetime
{
    private ReconcileFactory _factory = null!;
    private HttpClient _client = null!;

    /// <summary>Takes the class's shared host, emptied of what earlier tests stored.</summary>
    public async Task InitializeAsync()
    {
        _factory = await hosts.CleanAsync("billing-stripe.json", "billing");
        _client = _factory.CreateClient();
    }

    // Built by hand in the shape of a Stripe event whose data.object is an Invoice.
    private static string Event(string eventId, string currency = "usd", long subtotal = 40310, long discount = 4031, long tax = 0, long total = 36279, long unitAmount = 15005) => $$$"""
        {"id":"{{{eventId}}}","object":"event","type":"invoice.paid","created":1763632800,
         "data":{"object":{"id":"in_1QxYz","object":"invoice","customer":"cus_R2d2","currency":"{{{currency}}}",
           "subtotal":{{{subtotal}}},"total_discount_amounts":[{"amount":{{{discount}}},"discount":"di_1"}],"tax":{{{tax}}},
           "total":{{{total}}},"amount_due":{{{total}}},"status":"paid","created":1763632800,
           "status_transitions":{"finalized_at":1763632860,"paid_at":1763636400},
           "metadata":{"order_id":"1001","promo_code":"SPRING24"},
           "lines":{"object":"list","has_more":false,"data":[
             {"id":"il_1","quantity":2,"amount":{{{unitAmount * 2}}},"price":{"id":"price_1","lookup_key":"SKU-1","product":"prod_1","unit_amount":{{{unitAmount}}}} }]} } } }
        """;

    private Task<HttpResponseMessage> SendAsync(string body, long? timestamp = null, params string[] signatures)
    {
        var t = (timestamp ?? _factory.Time.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var valid = WebhookHost.HexHmac(WebhookHost.Secret, Encoding.UTF8.GetBytes($"{t}.{body}"));
        var v1 = signatures.Length == 0 ? [valid] : signatures.Select(s => s == "valid" ? valid : s);
        return WebhookHost.PostAsync(_client, "billing", body, ("Stripe-Signature", $"t={t}," + string.Join(",", v1.Select(s => $"v1={s}"))));
    }

    [Fact]
    public async Task A_signed_invoice_event_becomes_a_canonical_record_from_minor_units()
    {
        var response = await SendAsync(Event("evt_1"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = CanonicalJson.Deserialize(Assert.Single(await WebhookHost.RecordsAsync(_factory, "billing")).Payload!);
        Assert.Equal("1001", record.OrderId);
        Assert.Equal("in_1QxYz", record.ExternalId);
        Assert.Equal("cus_R2d2", record.CustomerId);
        Assert.Equal("USD", record.Currency);
        Assert.Equal(403.10m, record.Subtotal);
        Assert.Equal(40.31m, record.Discount);
        Assert.Equal(0m, record.Tax);
        Assert.Equal(362.79m, record.Total);
        Assert.Equal("SPRING24", record.PromoCode);
        Assert.Equal("paid", record.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763636400), record.UpdatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1763632800), record.CreatedAt);
        Assert.Equal([new OrderLine("SKU-1", 2, 150.05m)], record.Lines);
    }

    [Theory]
    [InlineData("jpy", 4030, 0, 403, 4433, 4030, "4030", "4433")]
    [InlineData("kwd", 40310, 0, 1234, 41544, 20155, "20.155", "41.544")]
    public async Task Minor_units_follow_the_currency_exponent(string currency, long subtotal, long discount, long tax, long total, long unit, string expectedUnit, string expectedTotal)
    {
        var response = await SendAsync(Event("evt_" + currency, currency, subtotal, discount, tax, total, unit));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = CanonicalJson.Deserialize(Assert.Single(await WebhookHost.RecordsAsync(_factory, "billing")).Payload!);
        Assert.Equal(currency.ToUpperInvariant(), record.Currency);
        Assert.Equal(decimal.Parse(expectedTotal, CultureInfo.InvariantCulture), record.Total);
        Assert.Equal(decimal.Parse(expectedUnit, CultureInfo.InvariantCulture), Assert.Single(record.Lines).UnitPrice);
    }

    [Fact]
    public async Task One_matching_v1_among_several_is_enough_while_a_secret_rotates()
    {
        var response = await SendAsync(Event("evt_2"), null, new string('a', 64), "valid");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(await WebhookHost.RecordsAsync(_factory, "billing"));
    }

    [Fact]
    public async Task A_stale_or_mis_signed_event_is_refused_and_nothing_is_stored()
    {
        var now = _factory.Time.GetUtcNow().ToUnixTimeSeconds();

        var stale = await SendAsync(Event("evt_3"), now - 301);
        var wrong = await SendAsync(Event("evt_3"), null, new string('b', 64));
        var missing = await WebhookHost.PostAsync(_client, "billing", Event("evt_3"));

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Contains("tolerance is 300 s", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Empty(await WebhookHost.RecordsAsync(_factory, "billing"));
    }

    [Fact]
    public async Task An_event_delivered_twice_is_stored_once()
    {
        var first = await SendAsync(Event("evt_twice"));
        var again = await SendAsync(Event("evt_twice", total: 1));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Equal(362.79m, CanonicalJson.Deserialize(Assert.Single(await WebhookHost.RecordsAsync(_factory, "billing")).Payload!).Total);
    }

    [Fact]
    public async Task An_envelope_without_the_item_is_quarantined_whole_with_the_reason()
    {
        const string body = """{"id":"evt_odd","type":"invoice.paid","data":{}}""";

        var response = await SendAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var error = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("the webhook's ItemPointer /data/object found nothing in the delivery", error.GetProperty("message").GetString());
        var stored = Assert.Single(await WebhookHost.RecordsAsync(_factory, "billing"));
        Assert.True(stored.Quarantined);
        Assert.Equal(body, stored.RawPayload);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }
}
