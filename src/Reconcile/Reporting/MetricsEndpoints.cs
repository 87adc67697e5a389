using Reconcile.Ingest;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Reporting;

/// <summary>GET /api/metrics?from=&amp;to=&amp;flow=&amp;by=: the DESIGN §8 figures as JSON (default: the last 7 days).</summary>
public static class MetricsEndpoints
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);

    public static async Task<IResult> GetAsync(
        string? from, string? to, string? flow, string? by,
        HttpRequest request, ApiAccess access, FiguresQuery figures, FlowCatalog flows, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flows);
        if (!access.MayRead(request))
        {
            return ApiProblems.Unauthorized();
        }

        var now = time.GetUtcNow();
        if (!ReportPeriod.TryParse(from, to, now - DefaultPeriod, now, out var period, out var error))
        {
            return ApiProblems.BadRequest(error);
        }

        List<DrillDownDimension> drill = [];
        if (by is not null)
        {
            if (!DrillDownDimensions.TryParse(by, out var dimension))
            {
                return ApiProblems.BadRequest($"by must be one of {string.Join(", ", DrillDownDimensions.All.Select(d => d.ToWireName()))}.");
            }

            drill.Add(dimension);
        }

        if (flow is not null && !flows.Exists(flow))
        {
            return ApiProblems.NotFound($"'{flow}' is not a configured flow{TopologyOptionsValidator.Known(flows.Names)}.");
        }

        return Results.Ok(await figures.ComputeAsync(period, flow, drill, cancellationToken));
    }
}
