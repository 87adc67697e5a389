using Reconcile.Hosting;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Reconcile.Api;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Ingest;

/// <summary>POST /api/systems/{system}/records and POST /api/reference/{kind} (a system's ingest token or the admin token; reference data: the admin token).</summary>
public static class IngestEndpoints
{
    public static WebApplication MapIngest(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/systems/{system}")
            .RequireToken(ApiPolicies.SystemIngest, http => $"Send the ingest token of '{http.GetRouteValue(ApiPolicies.SystemRouteValue)}' or the admin token as a bearer token.")
            .MapPost("/records", IngestRecordsAsync);
        app.MapGroup("/api/reference")
            .RequireToken(ApiPolicies.Admin, "Reference data needs the admin token.")
            .MapPost("/{kind}", IngestReferenceAsync);
        return app;
    }

    private static async Task<Results<Accepted<IngestResult>, ProblemHttpResult>> IngestRecordsAsync(
        string system, HttpRequest request, JsonBody body, RecordStore store,
        IOptionsMonitor<TopologyOptions> topology, ReconcileMetrics metrics, CancellationToken cancellationToken)
    {
        if (!topology.CurrentValue.Systems.TryGetValue(system, out var options))
        {
            return ApiProblems.NotFound($"'{system}' is not a configured system{TopologyOptionsValidator.Known(topology.CurrentValue.Systems.Keys)}.");
        }

        var read = await body.ReadAsync(request, cancellationToken);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        using var document = read.Document!;
        if (!TryItems(document.RootElement, "records", read.Bytes, options.FieldMap, out var items, out var check, out var problem))
        {
            return problem;
        }

        var result = await store.StoreAsync(system, items, options.FieldMap, check.Refused, cancellationToken);
        metrics.Received(system, "api", result.Accepted, result.Quarantined);
        return Answer(result, check);
    }

    private static async Task<Results<Accepted<IngestResult>, ProblemHttpResult>> IngestReferenceAsync(
        string kind, HttpRequest request, JsonBody body, ReferenceStore store, CancellationToken cancellationToken)
    {
        if (!ReferenceKind.All.Contains(kind))
        {
            return ApiProblems.NotFound($"'{kind}' is not reference data (use {string.Join(", ", ReferenceKind.All)}).");
        }

        var read = await body.ReadAsync(request, cancellationToken);
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        using var document = read.Document!;
        if (!TryItems(document.RootElement, kind, read.Bytes, null, out var items, out var check, out var problem))
        {
            return problem;
        }

        var result = await store.StoreAsync(kind, items, check.Refused, cancellationToken);
        return Answer(result, check);
    }

    /// <summary>202 with the counts; 422 with the same counts when the body's text refused some items.</summary>
    private static Results<Accepted<IngestResult>, ProblemHttpResult> Answer(IngestResult result, JsonTextReport check) =>
        check.IsClean ? TypedResults.Accepted((string?)null, result) : ApiProblems.Refused(result.Accepted, result.Quarantined, result.Errors);

    /// <summary>
    /// Accepts <c>{"&lt;name&gt;": [...]}</c>, <c>{"records": [...]}</c> (the one envelope every ingest route
    /// shares, reference data included) or <c>{"items": [...]}</c>, after <see cref="JsonTextCheck"/>: a problem
    /// outside the items refuses the body; an item whose text cannot be read is replaced by a readable copy.
    /// </summary>
    private static bool TryItems(
        JsonElement root, string name, byte[] body, IReadOnlyDictionary<string, string>? fieldMap,
        out IReadOnlyList<JsonElement> items, out JsonTextReport check, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        items = [];
        problem = null;
        var itemsName = root.ValueKind != JsonValueKind.Object || root.TryGetProperty(name, out _) ? name
            : root.TryGetProperty("records", out _) ? "records" : "items";
        check = JsonTextCheck.Check(body, itemsName, fieldMap);
        if (check.BodyProblem is { } bodyProblem)
        {
            problem = ApiProblems.BadRequest($"The body cannot be read: {bodyProblem}.");
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(itemsName, out var array)
            || array.ValueKind != JsonValueKind.Array)
        {
            var also = name == "records" ? "" : " (or a \"records\" array)";
            problem = ApiProblems.BadRequest($"Expected a JSON object with a \"{name}\" array{also}, e.g. {{\"{name}\": [ … ]}}.");
            return false;
        }

        var report = check;
        items = [.. array.EnumerateArray().Select((e, index) => report.HasBadText(index) ? Readable(body, report.RangeOf(index)) : e.Clone())];
        return true;
    }

    private static JsonElement Readable(byte[] body, Range range)
    {
        var text = JsonTextCheck.Readable(body.AsSpan(range));
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Kept as a string: the record parser quarantines it as "expected a JSON object", with the text intact.
            return JsonSerializer.SerializeToElement(text);
        }
    }
}
