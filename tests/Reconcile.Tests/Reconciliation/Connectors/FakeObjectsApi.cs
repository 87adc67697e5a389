using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Reconcile.Tests.Reconciliation.Connectors;

/// <summary>
/// A system's API on loopback (WireMock.Net), with state: objects by id under one path prefix; GET answers one
/// (404 when absent), PATCH merges its body into one — once per idempotency key, as Stripe and HubSpot document
/// (a repeated key gets the first answer back and changes nothing). Knobs: writes accepted but never applied, and
/// a first write that is applied but answered too late for the caller's timeout.
/// </summary>
public sealed class FakeObjectsApi : IDisposable
{
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _answered = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string? Key, string Body)> _received = new();
    private int _writes;

    public FakeObjectsApi(string prefix, string idempotencyHeader = "Idempotency-Key")
    {
        Prefix = prefix;
        IdempotencyHeader = idempotencyHeader;
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher(prefix + "*")).UsingGet()).RespondWith(Response.Create().WithCallback(Get));
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher(prefix + "*")).UsingPatch()).RespondWith(Response.Create().WithCallback(PatchAsync));
        Server.Given(Request.Create().WithPath(prefix.TrimEnd('/')).UsingPost()).RespondWith(Response.Create().WithCallback(Create));
    }

    public WireMockServer Server { get; } = WireMockServer.Start();
    public string Prefix { get; }
    public string IdempotencyHeader { get; }

    /// <summary>The API root to configure as the connector's BaseUrl.</summary>
    public string BaseUrl => Server.Url + "/";

    /// <summary>Writes are answered 200 but change nothing (a target that loses accepted writes).</summary>
    public bool ApplyWrites { get; set; } = true;

    /// <summary>The first write is applied, then answered only after this long (its answer is lost to a timeout).</summary>
    public TimeSpan StallFirstWrite { get; set; }

    /// <summary>How many writes changed an object (a repeated key does not count).</summary>
    public int Applied { get; private set; }

    /// <summary>Every request received, in order (method, URL as sent).</summary>
    public IReadOnlyList<(string Method, string Url)> Requests =>
        [.. Server.LogEntries.Select(e => (e.RequestMessage.Method, e.RequestMessage.Url))];

    /// <summary>The write requests received (as they arrive, before any answer): their idempotency key and body.</summary>
    public IReadOnlyList<(string? Key, string Body)> Writes => [.. _received];

    /// <summary>For creates (POST to the prefix without an id): where the new object's id is (JSON Pointer into the body); null: creates are refused.</summary>
    public string? CreatedIdPointer { get; set; }

    /// <summary>Stamped on every created object at <c>/updatedAt</c>, as a real system stamps its own modification time.</summary>
    public string CreatedAt { get; set; } = "2026-11-23T15:00:00.000Z";

    public void Put(string id, string json) => _objects[id] = JsonNode.Parse(json)!.AsObject();

    public JsonObject? Find(string id) => _objects.TryGetValue(id, out var found) ? found : null;

    public void Dispose() => Server.Stop();

    private string IdOf(IRequestMessage request) => Uri.UnescapeDataString(new Uri(request.Url).AbsolutePath[Prefix.Length..]);

    private IResponseMessage Get(IRequestMessage request) =>
        _objects.TryGetValue(IdOf(request), out var found) ? Answer(200, found.ToJsonString()) : Answer(404, """{"message":"not found"}""");

    private async Task<IResponseMessage> PatchAsync(IRequestMessage request)
    {
        var key = request.Headers!.TryGetValue(IdempotencyHeader, out var values) ? values.FirstOrDefault() : null;
        _received.Enqueue((key, request.Body ?? ""));
        if (key is not null && _answered.TryGetValue(key, out var earlier))
        {
            return Answer(200, earlier);
        }

        if (!_objects.TryGetValue(IdOf(request), out var target))
        {
            return Answer(404, """{"message":"not found"}""");
        }

        lock (target)
        {
            if (ApplyWrites)
            {
                Merge(target, JsonNode.Parse(request.Body!)!.AsObject());
                Applied++;
            }
        }

        var body = target.ToJsonString();
        if (key is not null)
        {
            _answered[key] = body;
        }

        if (Interlocked.Increment(ref _writes) == 1 && StallFirstWrite > TimeSpan.Zero)
        {
            await Task.Delay(StallFirstWrite);
        }

        return Answer(200, body);
    }

    private IResponseMessage Create(IRequestMessage request)
    {
        var key = request.Headers!.TryGetValue(IdempotencyHeader, out var values) ? values.FirstOrDefault() : null;
        _received.Enqueue((key, request.Body ?? ""));
        var created = JsonNode.Parse(request.Body!)!.AsObject();
        if (CreatedIdPointer is null || Json.Pointer.JsonPointer.Parse(CreatedIdPointer).Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(created)) is not { } id)
        {
            return Answer(400, """{"message":"cannot create"}""");
        }

        created["id"] = "new-" + id.GetString();
        created["updatedAt"] = CreatedAt;
        _objects[id.GetString()!] = created;
        Applied++;
        return Answer(201, created.ToJsonString());
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is JsonObject inner && target[name] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    private static ResponseMessage Answer(int status, string json) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String },
    };
}
