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
        IOptionsMonitor<TopologyOptions> topology, CancellationToken cancellationToken)
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
        if (!TryItems(document.RootElement, "records", out var items, out var problem))
        {
            return problem;
        }

        var result = await store.StoreAsync(system, items, options.FieldMap, cancellationToken);
        return TypedResults.Accepted((string?)null, result);
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
        if (!TryItems(document.RootElement, kind, out var items, out var problem))
        {
            return problem;
        }

        var result = await store.StoreAsync(kind, items, cancellationToken);
        return TypedResults.Accepted((string?)null, result);
    }

    /// <summary>
    /// Accepts <c>{"&lt;name&gt;": [...]}</c>, <c>{"records": [...]}</c> (the one envelope every ingest route
    /// shares, reference data included) or <c>{"items": [...]}</c>.
    /// </summary>
    private static bool TryItems(JsonElement root, string name, out IReadOnlyList<JsonElement> items, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        items = [];
        problem = null;
        if (root.ValueKind != JsonValueKind.Object
            || !(root.TryGetProperty(name, out var array) || root.TryGetProperty("records", out array) || root.TryGetProperty("items", out array))
            || array.ValueKind != JsonValueKind.Array)
        {
            var also = name == "records" ? "" : " (or a \"records\" array)";
            problem = ApiProblems.BadRequest($"Expected a JSON object with a \"{name}\" array{also}, e.g. {{\"{name}\": [ … ]}}.");
            return false;
        }

        items = [.. array.EnumerateArray().Select(e => e.Clone())];
        return true;
    }
}
