using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Pointer;
using Microsoft.Extensions.Options;
using Reconcile.Engine.Records;
using Reconcile.Ingest.Mapping;
using Reconcile.Topology;

namespace Reconcile.Reconciliation.Connectors.Http;

/// <summary>
/// A system reached through its own API (<c>Connector:Kind Http</c>). <c>Read</c>: GET one order (a 404 means
/// absent), the object at <c>ItemPointer</c>, read through the system's <c>Mapping</c>. <c>Write</c> (the system has
/// the order) or <c>Create</c> (it lacks it): a body built by <see cref="MappingInverter"/> for the replayed fields,
/// the idempotency key in the configured header. Every call goes through <see cref="ConnectorHttpClient"/>, whose
/// pipeline already retries, so <see cref="RetriesItself"/> is true. Ids in paths are URL-escaped.
/// </summary>
public sealed class HttpRecordConnector(string system, ConnectorHttpClient http, SystemMappings mappings, IOptionsMonitor<TopologyOptions> topology) : IRecordConnector
{
    public string System => system;

    public bool RetriesItself => true;

    private SystemOptions Options => topology.CurrentValue.Systems[system];

    private ConnectorOptions Connector => Options.Connector!;

    public string? WhyCannotWrite(IReadOnlyList<string> fields, bool create)
    {
        if ((create ? Connector.Create : Connector.Write) is null)
        {
            return create
                ? $"{system} has no Connector:Create, so an order missing in {system} cannot be replayed."
                : $"{system} has no Connector:Write, so Reconcile cannot update its orders.";
        }

        if (Connector.Read is null)
        {
            return $"{system} has no Connector:Read, so a replay could not be verified by reading it back.";
        }

        return MappingInverter.WhyNot(mappings.For(system), Sent(fields, create)) is { } why ? $"{why}. Nothing was sent to {system}." : null;
    }

    public async Task<ConnectorWriteResult> WriteRecordAsync(ConnectorWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (WhyCannotWrite(write.Fields, write.Create) is { } why)
        {
            throw new ConnectorException(why, transient: false);
        }

        var fields = Sent(write.Fields, write.Create);
        var inversion = MappingInverter.Invert(mappings.For(system), Options.FieldMap, write.Record, fields);
        if (inversion.Refused)
        {
            throw new ConnectorException($"{inversion.Describe()}. Nothing was sent to {system}.", transient: false);
        }

        var call = (write.Create ? Connector.Create : Connector.Write)!;
        var path = ConnectorPath.Fill(call.Path, write.Record.OrderId, write.Record.ExternalId);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(call.IdempotencyHeader))
        {
            headers[call.IdempotencyHeader] = write.IdempotencyKey;
        }

        using var content = new StringContent(Wrap(inversion.Body!, call.ItemPointer).ToJsonString(), Encoding.UTF8, "application/json");
        var response = await http.SendAsync(system, new HttpMethod(call.Method.ToUpperInvariant()), path, content, headers, cancellationToken);
        var answer = $"{call.Method.ToUpperInvariant()} {path}: {response.Describe()}";
        return response.IsSuccess
            ? new ConnectorWriteResult(true, answer, Fields: fields)
            : throw new ConnectorException($"{system} refused the write: {answer}", transient: Transient(response.Status));
    }

    public async Task<OrderRecord?> ReadRecordAsync(string orderId, string? externalId, CancellationToken cancellationToken)
    {
        if (await ReadItemAsync(orderId, externalId, cancellationToken) is not { } item)
        {
            return null;
        }

        var parsed = Parse(item);
        return parsed.Record ?? throw new ConnectorException(
            $"{system}'s copy of order {orderId} could not be read: {string.Join("; ", parsed.Errors.Select(e => $"{e.Field}: {e.Message}"))}", transient: false);
    }

    /// <summary>
    /// The order's object as the system sends it (for storing through the ingest path), or null when absent (404, or
    /// nothing at <c>ItemPointer</c>). Throws <see cref="ConnectorException"/> for any other answer, naming status and body.
    /// </summary>
    public async Task<JsonElement?> ReadItemAsync(string orderId, string? externalId, CancellationToken cancellationToken)
    {
        var call = Connector.Read ?? throw new ConnectorException($"{system} has no Connector:Read", transient: false);
        var path = ConnectorPath.Fill(call.Path, orderId, externalId);
        var response = await http.SendAsync(system, new HttpMethod(call.Method.ToUpperInvariant()), path, cancellationToken: cancellationToken);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw new ConnectorException($"{system} answered {response.Describe()}", transient: Transient(response.Status));
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var item = call.ItemPointer.Length == 0 ? document.RootElement : JsonPointer.Parse(call.ItemPointer).Evaluate(document.RootElement);
            return item is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } found ? found.Clone() : null;
        }
        catch (JsonException e)
        {
            throw new ConnectorException($"{system} answered something that is not JSON ({e.Message}): {response.Describe()}", transient: false);
        }
    }

    /// <summary>Reads the system's own object as a canonical record: its Mapping, else its FieldMap.</summary>
    public RecordParseResult Parse(JsonElement item) =>
        mappings.For(system) is { } mapping ? mapping.Parse(item) : RecordParser.Parse(item, Options.FieldMap);

    /// <summary>
    /// The fields a write sends: one named attribute as asked (it must be writable); for a create or a whole-record
    /// write, the order's identity and every asked field the system's mapping keeps (a CRM without lines keeps none).
    /// </summary>
    private IReadOnlyList<string> Sent(IReadOnlyList<string> fields, bool create)
    {
        var asked = create ? ["orderId", "currency", "total", .. fields] : fields;
        asked = [.. asked.Distinct(StringComparer.Ordinal)];
        return mappings.For(system) is { } mapping && (create || asked.Count > 1)
            ? [.. asked.Where(f => mapping.Rules.Any(r => r.Field == f && r.Pointers.Count > 0))]
            : asked;
    }

    /// <summary>A write's <c>ItemPointer</c> says where the object goes in the body, e.g. Shopify's <c>{"order": {…}}</c> for <c>/order</c>.</summary>
    private static JsonNode Wrap(JsonObject body, string itemPointer)
    {
        JsonNode wrapped = body;
        var pointer = JsonPointer.Parse(itemPointer);
        for (var i = pointer.SegmentCount - 1; i >= 0; i--)
        {
            wrapped = new JsonObject { [pointer[i].ToString()] = wrapped };
        }

        return wrapped;
    }

    private static bool Transient(HttpStatusCode status) => (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
