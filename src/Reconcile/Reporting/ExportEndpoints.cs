using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Reconcile.Api;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Reporting;

/// <summary>GET /api/exports/exceptions.csv and audit.csv (admin token): the monthly finance audit as CSV.</summary>
public static class ExportEndpoints
{
    private const string CsvType = "text/csv; charset=utf-8";

    public const string Refusal = "Exports need the admin token.";

    /// <summary>exceptions.csv: one row per exception raised or resolved in [from, to); 400 without a valid period, 404 for an unknown flow.</summary>
    public static Results<PushStreamHttpResult, ProblemHttpResult> Exceptions(string? from, string? to, string? flow, HttpRequest request, FlowCatalog flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (Refuse(from, to, out var period) is { } problem)
        {
            return problem;
        }

        if (flow is not null && !flows.Exists(flow))
        {
            return ApiProblems.NotFound($"'{flow}' is not a configured flow{TopologyOptionsValidator.Known(flows.Names)}.");
        }

        return TypedResults.Stream(
            stream => WriteAsync(stream, request, (export, writer, token) => export.WriteExceptionsAsync(writer, period, flow, token)),
            CsvType, "exceptions.csv");
    }

    /// <summary>audit.csv: the audit events of [from, to) with their hashes; 400 without a valid period.</summary>
    public static Results<PushStreamHttpResult, ProblemHttpResult> Audit(string? from, string? to, HttpRequest request) =>
        Refuse(from, to, out var period) is { } problem
            ? problem
            : TypedResults.Stream(
                stream => WriteAsync(stream, request, (export, writer, token) => export.WriteAuditAsync(writer, period, token)),
                CsvType, "audit.csv");

    private static ProblemHttpResult? Refuse(string? from, string? to, out ReportPeriod period)
    {
        period = new ReportPeriod(default, default);
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            return ApiProblems.BadRequest("from and to are required (ISO-8601 dates or date-times; to is exclusive).");
        }

        return ReportPeriod.TryParse(from, to, default, default, out period, out var error) ? null : ApiProblems.BadRequest(error);
    }

    private static async Task WriteAsync(Stream stream, HttpRequest request, Func<CsvExport, TextWriter, CancellationToken, Task<int>> write)
    {
        var export = request.HttpContext.RequestServices.GetRequiredService<CsvExport>();
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await write(export, writer, request.HttpContext.RequestAborted);
    }
}
