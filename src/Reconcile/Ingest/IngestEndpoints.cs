using System.Text.Json;
using Microsoft.Extensions.Options;
using Reconcile.Reconciliation;

namespace Reconcile.Ingest;

/// <summary>POST /api/systems/{system}/records and POST /api/reference/{kind} (DESIGN §7, §12).</summary>
public static class IngestEndpoints
{
    public static WebApplication MapIngest(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/systems/{system}/records", IngestRecordsAsync);
        app.MapPost("/api/reference/{kind}", IngestReferenceAsync);
        return app;
    }

    private static async Task<IResult> IngestRecordsAsync(
        string system, HttpRequest request, ApiAccess access, JsonBody body, RecordStore store,
        IOptionsMonitor<TopologyOptions> topology, CancellationToken cancellationToken)
    {
        if (!access.MaySubmit(request, system))
        {
            return ApiProblems.Unauthorized($"Send the ingest token of '{system}' or the admin token as a bearer token.");
        }

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
        return Results.Json(result, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> IngestReferenceAsync(
        string kind, HttpRequest request, ApiAccess access, JsonBody body, ReferenceStore store, CancellationToken cancellationToken)
    {
        if (!ReferenceKind.All.Contains(kind))
        {
            return ApiProblems.NotFound($"'{kind}' is not reference data (use {string.Join(", ", ReferenceKind.All)}).");
        }

        if (!access.IsAdmin(request))
        {
            return ApiProblems.Unauthorized("Reference data needs the admin token.");
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
        return Results.Json(result, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// Accepts <c>{"&lt;name&gt;": [...]}</c>, <c>{"records": [...]}</c> (the one envelope every ingest route
    /// shares, reference data included) or <c>{"items": [...]}</c>.
    /// </summary>
    private static bool TryItems(JsonElement root, string name, out IReadOnlyList<JsonElement> items, out IResult problem)
    {
        items = [];
        problem = Results.Empty;
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
