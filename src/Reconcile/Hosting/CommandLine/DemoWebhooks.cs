using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Reconcile.Engine.Records;
using Reconcile.Engine.Simulation;
using Reconcile.Ingest.Mapping;
using Reconcile.Ingest.Webhooks;
using Reconcile.Topology;
using Reconcile.Simulation;

namespace Reconcile.Hosting.CommandLine;

/// <summary>
/// The demo's native-webhook step: a few clean simulated orders sent again as their shop and billing system would
/// send them, signed with the configured secrets, through the same receiver as <c>POST /api/systems/{system}/webhook</c>.
/// </summary>
internal static class DemoWebhooks
{
    private const int Orders = 2;

    public static async Task ShowAsync(WebApplication app, TextWriter output, SimulatedWorld world, CancellationToken cancellationToken)
    {
        var systems = app.Services.GetRequiredService<IOptions<TopologyOptions>>().Value.Systems;
        if (!systems.TryGetValue("shop", out var shop) || shop.Webhook?.Signature != WebhookSignatures.Shopify
            || !systems.TryGetValue("billing", out var billing) || billing.Webhook?.Signature != WebhookSignatures.Stripe)
        {
            return;
        }

        output.WriteLine("8. The same orders as the systems themselves send them — a Shopify-style order (money as strings, the shop's");
        output.WriteLine("   offset) and a Stripe-style invoice event (integer cents), signed, through POST /api/systems/{system}/webhook:");
        var time = app.Services.GetRequiredService<TimeProvider>();
        foreach (var (shopRecord, billingRecord) in CleanOrders(world).Take(Orders))
        {
            var order = NativePayloads.ShopifyOrder(shopRecord).ToJsonString();
            var shopHeaders = new HeaderDictionary
            {
                ["X-Shopify-Hmac-Sha256"] = Convert.ToBase64String(Hmac(shop.Webhook!.Secret!, order)),
                ["X-Shopify-Webhook-Id"] = "demo-" + shopRecord.OrderId,
            };
            await SendAsync(app, output, "shop", shopHeaders, order, cancellationToken);

            if (NativePayloads.StripeInvoiceEvent(billingRecord, "evt_demo_" + billingRecord.OrderId)?.ToJsonString() is { } invoice)
            {
                var t = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                var stripeHeaders = new HeaderDictionary { ["Stripe-Signature"] = $"t={t},v1={Convert.ToHexStringLower(Hmac(billing.Webhook!.Secret!, $"{t}.{invoice}"))}" };
                await SendAsync(app, output, "billing", stripeHeaders, invoice, cancellationToken);
                await SendAsync(app, output, "billing", stripeHeaders, invoice, cancellationToken);
            }
        }

        output.WriteLine();
    }

    private static async Task SendAsync(WebApplication app, TextWriter output, string system, HeaderDictionary headers, string body, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var delivery = new WebhookDelivery(system, headers, "POST", $"http://localhost/api/systems/{system}/webhook", Encoding.UTF8.GetBytes(body), IngestTokenValid: false);
        var outcome = await scope.ServiceProvider.GetRequiredService<WebhookReceiver>().ReceiveAsync(delivery, cancellationToken);
        var shown = body.Length > 110 ? body[..110] + "…" : body;
        output.WriteLine($"   {system,-8} {shown}");
        output.WriteLine(outcome.Result switch
        {
            { Duplicate: true } r => $"            → {outcome.Status}: delivery {r.DeliveryId} seen before, acknowledged and not stored again",
            { } r => $"            → {outcome.Status}: {r.Accepted} accepted, {r.Quarantined} quarantined{Errors(r)}{Record(scope.ServiceProvider, system, body)}",
            _ => $"            → {outcome.Status}: {outcome.Problem}",
        });
    }

    /// <summary>The canonical record the delivery became, read back through the system's mapping.</summary>
    private static string Record(IServiceProvider services, string system, string body)
    {
        var webhook = services.GetRequiredService<IOptions<TopologyOptions>>().Value.Systems[system].Webhook!;
        using var document = JsonDocument.Parse(body);
        var (items, _) = WebhookItems.Find(document.RootElement, webhook.ItemPointer);
        return services.GetRequiredService<SystemMappings>().For(system)?.Parse(items[0]).Record is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"\n              as the record: order {r.OrderId} · {r.Currency} {r.Total} · {r.Lines.Count} line(s) · updatedAt {r.UpdatedAt:yyyy-MM-dd'T'HH:mm:ss'Z'}")
            : "";
    }

    private static string Errors(WebhookResult result) =>
        result.Errors.Count == 0 ? "" : " — " + string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"));

    private static IEnumerable<(OrderRecord Shop, OrderRecord Billing)> CleanOrders(SimulatedWorld world)
    {
        var faulty = world.Faults.Select(f => f.OrderId).ToHashSet(StringComparer.Ordinal);
        var bySystem = world.Payloads
            .Select(p => (p.System, Parsed: RecordParser.Parse(p.RawPayload, world.FieldMaps.GetValueOrDefault(p.System))))
            .Where(p => p.Parsed.Record is not null && !faulty.Contains(p.Parsed.Record.OrderId))
            .GroupBy(p => p.System)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Parsed.Record!).ToList());
        var billing = bySystem.GetValueOrDefault("billing", []).ToDictionary(r => r.OrderId, StringComparer.Ordinal);
        foreach (var shop in bySystem.GetValueOrDefault("shop", []))
        {
            if (billing.TryGetValue(shop.OrderId, out var invoice))
            {
                yield return (shop, invoice);
            }
        }
    }

    private static byte[] Hmac(string secret, string body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body));
}
