using Reconcile.Hosting;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Reconcile.Engine.Records;
using Reconcile.Ingest.Mapping;
using Reconcile.Topology;

namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// Takes in one webhook delivery. Order of work: the signature over the raw bytes (401 and nothing stored when
/// missing, wrong or stale), then parsing, then the delivery id (a retry answers 200 and stores nothing), then
/// the mapping and the normal store (202 with the ingest counts; unreadable payloads are quarantined with the
/// pointer and the reason). The HTTP endpoint and the demo both come through here.
/// </summary>
public sealed class WebhookReceiver(
    IOptionsMonitor<TopologyOptions> topology, SystemMappings mappings, DeliveryLog deliveries, RecordStore store,
    ReconcileMetrics metrics, TimeProvider time, ILogger<WebhookReceiver> logger)
{
    private const int MaxDeliveryIdLength = 256;

    public async Task<WebhookOutcome> ReceiveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var system = delivery.System;
        if (!topology.CurrentValue.Systems.TryGetValue(system, out var options))
        {
            return Refused(StatusCodes.Status404NotFound, $"'{system}' is not a configured system{TopologyOptionsValidator.Known(topology.CurrentValue.Systems.Keys)}.");
        }

        if (options.Webhook is not { } webhook)
        {
            return Refused(StatusCodes.Status404NotFound, $"'{system}' takes no webhooks: configure Systems:{system}:Webhook.");
        }

        var now = time.GetUtcNow();
        var signature = webhook.Signature == WebhookSignatures.None
            ? delivery.IngestTokenValid ? SignatureOutcome.Ok : SignatureOutcome.Refused($"send the ingest token of '{system}' as a bearer token")
            : WebhookSignatureVerifier.Verify(webhook, delivery.Headers, delivery.Method, delivery.Url, delivery.Body, now);
        if (!signature.Valid)
        {
            logger.LogWarning("Webhook for {System} refused: {Reason}", system, signature.Reason);
            return Refused(StatusCodes.Status401Unauthorized, $"The webhook signature was refused: {signature.Reason}.");
        }

        // Bytes that are not UTF-8 cannot be read as text at all: refused whole, nothing stored (the sender may retry).
        if (!System.Text.Unicode.Utf8.IsValid(delivery.Body))
        {
            return Refused(StatusCodes.Status400BadRequest, "The body is not valid UTF-8 text.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(delivery.Body);
        }
        catch (JsonException e)
        {
            return Refused(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var deliveryId = DeliveryId(delivery.Headers, root, webhook);
            if (deliveryId is not null && await deliveries.SeenAsync(system, deliveryId, cancellationToken))
            {
                return Duplicate(deliveryId);
            }

            var (items, unreadable) = WebhookItems.Find(root, webhook.ItemPointer);
            var mapping = mappings.For(system);
            var parse = unreadable is not null
                ? _ => new RecordParseResult(null, [unreadable], null)
                : WebhookItems.Parser(mapping, options.FieldMap);

            var row = deliveryId is null ? null : deliveries.Begin(system, deliveryId, now);
            var result = await store.StoreAsync(system, [.. items.Select(i => (i, now))], parse, counted => DeliveryLog.Count(row, counted), cancellationToken);
            if (row is not null && !await deliveries.ConfirmAsync(row, result, cancellationToken))
            {
                return Duplicate(deliveryId);
            }

            metrics.Received(system, "webhook", result.Accepted, result.Quarantined);

            return new WebhookOutcome(StatusCodes.Status202Accepted, new WebhookResult(result.Accepted, result.Quarantined, result.Errors, deliveryId, Duplicate: false), null);
        }
    }

    private static WebhookOutcome Refused(int status, string problem) => new(status, null, problem);

    private static WebhookOutcome Duplicate(string? deliveryId) =>
        new(StatusCodes.Status200OK, new WebhookResult(0, 0, [], deliveryId, Duplicate: true), null);

    private static string? DeliveryId(IHeaderDictionary headers, JsonElement root, WebhookOptions webhook)
    {
        var header = webhook.DeliveryIdHeader ?? WebhookSignatures.DefaultDeliveryIdHeader(webhook.Signature);
        var pointer = webhook.DeliveryIdPointer ?? WebhookSignatures.DefaultDeliveryIdPointer(webhook.Signature);
        var id = header is not null ? headers[header].ToString() : null;
        if (string.IsNullOrEmpty(id) && pointer is not null)
        {
            id = WebhookItems.DeliveryId(root, pointer);
        }

        // An over-long id cannot be a real sender's delivery id; it is not remembered rather than truncated into a false match.
        return string.IsNullOrEmpty(id) || id.Length > MaxDeliveryIdLength ? null : id;
    }
}
