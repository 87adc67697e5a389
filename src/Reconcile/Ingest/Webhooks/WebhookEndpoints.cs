using System.Text.Json;
using Microsoft.Extensions.Options;
using Reconcile.Engine.Records;
using Reconcile.Ingest.Mapping;
using Reconcile.Reconciliation;

namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// <c>POST /api/systems/{system}/webhook</c>: a system's own webhook in its own shape. Order of work: the
/// signature over the raw bytes (401 and nothing stored when missing, wrong or stale), then parsing, then
/// the delivery id (a retry answers 200 and stores nothing), then the mapping and the normal store
/// (202 with the ingest counts; unreadable payloads are quarantined with the pointer and the reason).
/// </summary>
public static class WebhookEndpoints
{
    private const int MaxDeliveryIdLength = 256;

    public static WebApplication MapWebhooks(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/systems/{system}/webhook", ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        string system, HttpRequest request, IOptionsMonitor<TopologyOptions> topology, RawBody rawBody, ApiAccess access,
        SystemMappings mappings, DeliveryLog deliveries, RecordStore store, TimeProvider time, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!topology.CurrentValue.Systems.TryGetValue(system, out var options))
        {
            return ApiProblems.NotFound($"'{system}' is not a configured system{TopologyOptionsValidator.Known(topology.CurrentValue.Systems.Keys)}.");
        }

        if (options.Webhook is not { } webhook)
        {
            return ApiProblems.NotFound($"'{system}' takes no webhooks: configure Systems:{system}:Webhook.");
        }

        var (body, tooLarge) = await rawBody.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var now = time.GetUtcNow();
        var signature = webhook.Signature == WebhookSignatures.None
            ? access.MaySubmit(request, system) ? SignatureOutcome.Ok : SignatureOutcome.Refused($"send the ingest token of '{system}' as a bearer token")
            : WebhookSignatureVerifier.Verify(webhook, request.Headers, request.Method, FullUrl(request), body!, now);
        if (!signature.Valid)
        {
            loggers.CreateLogger(typeof(WebhookEndpoints)).LogWarning("Webhook for {System} refused: {Reason}", system, signature.Reason);
            return ApiProblems.Unauthorized($"The webhook signature was refused: {signature.Reason}.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return ApiProblems.BadRequest($"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            var deliveryId = DeliveryId(request, root, webhook);
            if (deliveryId is not null && await deliveries.SeenAsync(system, deliveryId, cancellationToken))
            {
                return Results.Json(new WebhookResult(0, 0, [], deliveryId, Duplicate: true), statusCode: StatusCodes.Status200OK);
            }

            var (items, unreadable) = WebhookItems.Find(root, webhook.ItemPointer);
            var mapping = mappings.For(system);
            Func<JsonElement, RecordParseResult> parse = unreadable is not null
                ? _ => new RecordParseResult(null, [unreadable], null)
                : mapping is not null ? mapping.Parse : p => RecordParser.Parse(p, options.FieldMap);

            var row = deliveryId is null ? null : deliveries.Begin(system, deliveryId, now);
            var result = await store.StoreAsync(system, [.. items.Select(i => (i, now))], parse, cancellationToken);
            if (row is not null && !await deliveries.ConfirmAsync(row, result, cancellationToken))
            {
                return Results.Json(new WebhookResult(0, 0, [], deliveryId, Duplicate: true), statusCode: StatusCodes.Status200OK);
            }

            return Results.Json(new WebhookResult(result.Accepted, result.Quarantined, result.Errors, deliveryId, Duplicate: false), statusCode: StatusCodes.Status202Accepted);
        }
    }

    private static string? DeliveryId(HttpRequest request, JsonElement root, WebhookOptions webhook)
    {
        var header = webhook.DeliveryIdHeader ?? WebhookSignatures.DefaultDeliveryIdHeader(webhook.Signature);
        var pointer = webhook.DeliveryIdPointer ?? WebhookSignatures.DefaultDeliveryIdPointer(webhook.Signature);
        var id = header is not null ? request.Headers[header].ToString() : null;
        if (string.IsNullOrEmpty(id) && pointer is not null)
        {
            id = WebhookItems.DeliveryId(root, pointer);
        }

        // An over-long id cannot be a real sender's delivery id; it is not remembered rather than truncated into a false match.
        return string.IsNullOrEmpty(id) || id.Length > MaxDeliveryIdLength ? null : id;
    }

    private static string FullUrl(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
}
