using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Reconcile.Benchmarks.Latency;

/// <summary>
/// Webhook latency: the shop configured as the Shopify-style system of examples/systems/shop-shopify.json (its
/// mapping, <c>Signature: shopify</c>, a secret), then single-order deliveries at a fixed rate, each signed as Shopify
/// signs (<c>X-Shopify-Hmac-Sha256</c>: base64 HMAC-SHA256 of the raw body, shopify.dev "Verify webhooks") with a
/// delivery id of its own. Three in four are new orders (orders/create); every fourth updates an earlier one
/// (orders/updated: refunded, a later updated_at).
/// </summary>
internal static class WebhookLoad
{
    private const string Secret = "latency-webhook-secret";
    private const long FirstOrder = 9_000_001;

    public static async Task<LatencyResult> RunAsync(ServiceUnderLoad service, LatencyOptions options, TextWriter output)
    {
        foreach (var (key, value) in ExampleShop())
        {
            service.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        service.Environment["Systems__shop__Webhook__Secret"] = Secret;
        if (options.Orders > 0)
        {
            await service.SimulateAsync(options.Orders);
            output.WriteLine(FormattableString.Invariant($"loaded {options.Orders:N0} simulated orders × 3 systems first"));
        }

        await service.StartAsync();
        using var client = LatencyClient.Create(service.Address);
        var warmup = 0;
        var created = 0L;
        HttpRequestMessage Build(int i) => Delivery(i, ref created);
        if (options.WarmupSeconds > 0)
        {
            var (warmed, warm) = await OpenLoop.RampAsync(client, options.Rate, options.WarmupSeconds, options.Timeout, Build);
            warmup = warmed;
            output.WriteLine($"warm-up ({options.WarmupSeconds} s rising to {options.Rate}/s, not counted), its last third: {warm.Figures()}");
        }

        LatencyOptions.PrintLoad(output, "before");
        var result = await new OpenLoop(client, options.Rate, options.Timeout).RunAsync(options.Rate * options.Seconds, i => Build(warmup + i));
        LatencyOptions.PrintLoad(output, "after");
        output.WriteLine(FormattableString.Invariant($"orders: {created:N0} created, {options.Rate * options.Seconds + warmup - created:N0} updates; errors: {result.ErrorBreakdown()}"));
        if (result.Errors > 0)
        {
            output.WriteLine(service.Log(10));
        }

        return result;
    }

    /// <summary>The i-th delivery: a new order, or (every fourth) an update of an order created earlier in the load.</summary>
    private static HttpRequestMessage Delivery(int i, ref long created)
    {
        var update = i % 4 == 3 && created > 0;
        var number = update ? FirstOrder + (i * 7919L % created) : FirstOrder + created++;
        var now = TimeProvider.System.GetUtcNow();
        var body = Encoding.UTF8.GetBytes(Order(number, update, now));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/systems/shop/webhook", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body)));
        request.Headers.Add("X-Shopify-Topic", update ? "orders/updated" : "orders/create");
        request.Headers.Add("X-Shopify-Webhook-Id", Guid.NewGuid().ToString());
        request.Headers.Add("X-Shopify-Shop-Domain", "latency.myshopify.com");
        return request;
    }

    /// <summary>An order in the shape of a Shopify REST Admin API Order, money as decimal strings, ids 64-bit.</summary>
    private static string Order(long number, bool update, DateTimeOffset now)
    {
        var unit = 20 + number % 180;
        var subtotal = unit * 2 + 35.5m;
        var discount = decimal.Round(subtotal / 10, 2);
        var total = subtotal - discount;
        var status = update ? "refunded" : "paid";
        var created = now.AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var updated = now.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {"id":{{6_200_000_000_000_000_000 + number}},"name":"#{{number}}","order_number":{{number}},"currency":"USD",
             "subtotal_price":"{{subtotal:F2}}","total_discounts":"{{discount:F2}}","total_tax":"0.00","total_price":"{{total:F2}}",
             "financial_status":"{{status}}","customer":{"id":{{7_000_000_000_000_000_000 + number % 5000}},"email":"c{{number % 5000}}@example.com"},
             "discount_codes":[{"code":"SPRING24","amount":"{{discount:F2}}","type":"percentage"}],
             "created_at":"{{created}}","updated_at":"{{updated}}",
             "line_items":[{"id":{{number * 10}},"sku":"SKU-{{number % 97}}","variant_id":{{number % 1000}},"quantity":2,"price":"{{unit:F2}}"},
                           {"id":{{number * 10 + 1}},"sku":"SKU-GIFT","variant_id":445566,"quantity":1,"price":"35.50"}]}
            """);
    }

    /// <summary>examples/systems/shop-shopify.json (copied beside the driver) as flat configuration keys.</summary>
    private static IEnumerable<KeyValuePair<string, string>> ExampleShop() =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "examples", "shop-shopify.json")).Build()
            .AsEnumerable().Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!));
}
