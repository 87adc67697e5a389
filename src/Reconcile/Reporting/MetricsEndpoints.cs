using Microsoft.AspNetCore.Http.HttpResults;
using Reconcile.Api;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Reporting;

/// <summary>GET /api/metrics?from=&amp;to=&amp;flow=&amp;by=: the figures as JSON (default: the last 7 days).</summary>
public static class MetricsEndpoints
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);

    /// <summary>The figures of the period (reader policy: admin token or any ingest token); 400 for a bad period or dimension, 404 for an unknown flow.</summary>
    public static async Task<Results<Ok<Figures>, ProblemHttpResult>> GetAsync(
        string? from, string? to, string? flow, string? by,
        FiguresQuery figures, FlowCatalog flows, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(figures);

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

        return TypedResults.Ok(await figures.ComputeAsync(period, flow, drill, cancellationToken));
    }
}
