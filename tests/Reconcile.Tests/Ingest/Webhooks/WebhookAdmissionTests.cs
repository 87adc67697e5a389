using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Webhooks;

/// <summary>Past the deliveries in progress and waiting, a webhook is refused at once with 503 and Retry-After, and nothing of it is stored.</summary>
public sealed class WebhookAdmissionTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    private static string Sign(string body) => WebhookHost.Base64Hmac(WebhookHost.Secret, Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task A_delivery_past_the_limits_gets_503_with_retry_after_and_is_taken_when_sent_again()
    {
        var database = Path.Combine(_directory, "admission.db");
        using var factory = WebhookHost.Create("shop-shopify.json", "shop", new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={database}", ["Api:WebhookConcurrency"] = "1", ["Api:WebhookQueue"] = "0",
        });
        using var client = factory.CreateClient();
        var first = ShopifyStyleWebhookTests.UsdOrder;
        var second = first.Replace("\"order_number\":1001", "\"order_number\":1003", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(client, first, "wh-warm")).StatusCode);

        (string Body, string Id) retry;
        // Another writer holds the database, so the delivery that gets the one slot waits in it.
        await using (var writer = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await writer.OpenAsync();
            await using (var begin = writer.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            var deliveries = new[] { (Body: first.Replace("\"total_tax\":\"0.00\"", "\"total_tax\":\"1.00\"", StringComparison.Ordinal), Id: "wh-a"), (Body: second, Id: "wh-b") };
            var a = SendAsync(client, deliveries[0].Body, deliveries[0].Id);
            var b = SendAsync(client, deliveries[1].Body, deliveries[1].Id);
            var refused = await Task.WhenAny(a, b);
            var held = refused == a ? b : a;
            retry = refused == a ? deliveries[0] : deliveries[1];

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await refused).StatusCode);
            Assert.Equal("1", (await refused).Headers.GetValues("Retry-After").Single());
            var problem = await (await refused).Content.ReadAsStringAsync();
            Assert.Contains("Api:WebhookConcurrency", problem, StringComparison.Ordinal);
            Assert.False(held.IsCompleted);

            await using var rollback = writer.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
            Assert.Equal(HttpStatusCode.Accepted, (await held).StatusCode);
        }

        // The sender retries the refused delivery with the same id: it is taken now, not seen as a duplicate.
        var retried = await SendAsync(client, retry.Body, retry.Id);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        var stored = await WebhookHost.RecordsAsync(factory, "shop");
        Assert.Equal(["1001", "1003"], stored.Select(r => r.OrderId).Order());
        Assert.Contains("\"total_tax\":\"1.00\"", stored.Single(r => r.OrderId == "1001").RawPayload, StringComparison.Ordinal);
    }

    public void Dispose() => TestDirectory.TryDelete(_directory);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string body, string deliveryId) =>
        WebhookHost.PostAsync(client, "shop", body, ("X-Shopify-Hmac-Sha256", Sign(body)), ("X-Shopify-Webhook-Id", deliveryId));
}
