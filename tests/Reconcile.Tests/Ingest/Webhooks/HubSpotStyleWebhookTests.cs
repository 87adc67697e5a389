using System.Globalization;
using System.Net;
using System.Text;
using Reconcile.Engine.Records;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Webhooks;

/// <summary>A HubSpot-style CRM (examples/systems/crm-hubspot.json): deals whose properties are all strings, signed with v3.</summary>
public sealed class HubSpotStyleWebhookTests(ExampleHosts hosts) : IClassFixture<ExampleHosts>, IAsyncLifetime
{
    private const string PublicUrl = "https://reconcile.example.com/api/systems/crm/webhook";
    private ReconcileFactory _factory = null!;
    private HttpClient _client = null!;

    /// <summary>Takes the class's shared host, emptied of what earlier tests stored.</summary>
    public async Task InitializeAsync()
    {
        _factory = await hosts.CleanAsync("crm-hubspot.json", "crm");
        _client = _factory.CreateClient();
    }

    // Built by hand in the shape of a HubSpot CRM v3 deal object.
    private const string Deal = """
        {"id":"18446744073709551615","properties":{"order_id":"1001","customer_id":"C-77","amount":"1500.00",
         "discount_amount":"","promo_code":" SPRING24 ","campaign":"spring-email","dealstage":"appointmentscheduled",
         "deal_currency_code":"","hs_lastmodifieddate":"2026-11-20T10:00:00.123Z"},
         "createdAt":"2026-11-19T08:00:00.000Z","updatedAt":"2026-11-20T10:00:00.123Z","archived":false}
        """;

    private Task<HttpResponseMessage> SendAsync(string body, long? timestampMs = null, string? url = null, string? secret = null)
    {
        var stamp = (timestampMs ?? _factory.Time.GetUtcNow().ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture);
        var signature = WebhookHost.Base64Hmac(secret ?? WebhookHost.Secret, Encoding.UTF8.GetBytes("POST" + (url ?? PublicUrl) + body + stamp));
        return WebhookHost.PostAsync(_client, "crm", body, ("X-HubSpot-Signature-v3", signature), ("X-HubSpot-Request-Timestamp", stamp));
    }

    [Fact]
    public async Task A_signed_deal_becomes_a_canonical_record_field_by_field()
    {
        var response = await SendAsync(Deal);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = CanonicalJson.Deserialize(Assert.Single(await WebhookHost.RecordsAsync(_factory, "crm")).Payload!);
        Assert.Equal("1001", record.OrderId);
        Assert.Equal("18446744073709551615", record.ExternalId);
        Assert.Equal("C-77", record.CustomerId);
        Assert.Equal("USD", record.Currency);
        Assert.Equal(1500.00m, record.Total);
        Assert.Null(record.Discount);
        Assert.Equal("SPRING24", record.PromoCode);
        Assert.Equal("spring-email", record.Campaign);
        Assert.Equal("pending", record.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, 123, TimeSpan.Zero), record.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 8, 0, 0, TimeSpan.Zero), record.CreatedAt);
        Assert.Empty(record.Lines);
    }

    [Fact]
    public async Task A_stale_mis_signed_or_wrongly_addressed_deal_is_refused_and_nothing_is_stored()
    {
        var sixMinutesAgo = _factory.Time.GetUtcNow().AddMinutes(-6).ToUnixTimeMilliseconds();

        var stale = await SendAsync(Deal, sixMinutesAgo);
        var wrongSecret = await SendAsync(Deal, secret: "someone-else");
        var otherUrl = await SendAsync(Deal, url: "https://evil.example.com/api/systems/crm/webhook");
        var unsigned = await WebhookHost.PostAsync(_client, "crm", Deal, ("X-HubSpot-Request-Timestamp", _factory.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("X-HubSpot-Signature-v3 header is missing", await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("tolerance is 300 s", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await WebhookHost.RecordsAsync(_factory, "crm"));
    }

    [Fact]
    public async Task The_same_deal_delivered_twice_is_stored_once()
    {
        await SendAsync(Deal);
        var again = await SendAsync(Deal);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(1, Assert.Single(await WebhookHost.RecordsAsync(_factory, "crm")).Version);
    }

    [Fact]
    public async Task A_deal_without_an_order_id_is_quarantined_naming_the_pointer()
    {
        var response = await SendAsync(Deal.Replace("\"order_id\":\"1001\"", "\"order_id\":\"\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("orderId: required, but nothing found at /properties/order_id",
            Assert.Single(await WebhookHost.RecordsAsync(_factory, "crm")).QuarantineReason, StringComparison.Ordinal);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }
}
