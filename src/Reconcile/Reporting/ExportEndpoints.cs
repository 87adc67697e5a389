using System.Text;
using Reconcile.Ingest;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Reporting;

/// <summary>GET /api/exports/exceptions.csv and audit.csv (admin token): the monthly finance audit as CSV.</summary>
public static class ExportEndpoints
{
    private const string CsvType = "text/csv; charset=utf-8";

    public static IResult Exceptions(string? from, string? to, string? flow, HttpRequest request, ApiAccess access, FlowCatalog flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (Refuse(from, to, request, access, out var period) is { } problem)
        {
            return problem;
        }

        if (flow is not null && !flows.Exists(flow))
        {
            return ApiProblems.NotFound($"'{flow}' is not a configured flow{TopologyOptionsValidator.Known(flows.Names)}.");
        }

        return Results.Stream(
            stream => WriteAsync(stream, request, (export, writer, token) => export.WriteExceptionsAsync(writer, period, flow, token)),
            CsvType, "exceptions.csv");
    }

    public static IResult Audit(string? from, string? to, HttpRequest request, ApiAccess access) =>
        Refuse(from, to, request, access, out var period) ?? Results.Stream(
            stream => WriteAsync(stream, request, (export, writer, token) => export.WriteAuditAsync(writer, period, token)),
            CsvType, "audit.csv");

    private static IResult? Refuse(string? from, string? to, HttpRequest request, ApiAccess access, out ReportPeriod period)
    {
        period = new ReportPeriod(default, default);
        if (!access.IsAdmin(request))
        {
            return ApiProblems.Unauthorized("Exports need the admin token.");
        }

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
