using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Reporting;
using Reconcile.Topology;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// The lag as the figures computed it before the lag rows were kept, written out again from the records: every source
/// order created in the period (read by <see cref="SourceOrderReader"/>), folded with every target copy that is not quarantined.
/// The kept rows must give exactly this.
/// </summary>
internal static class LagOracle
{
    /// <summary>For every configured flow with targets and each period: the kept rows give exactly the computed lags.</summary>
    public static async Task AssertKeptEqualsComputedAsync(IServiceProvider services, params ReportPeriod[] periods)
    {
        var flows = services.GetRequiredService<IOptions<TopologyOptions>>().Value.Flows.Where(f => f.Value.Targets.Count > 0).ToList();
        Assert.NotEmpty(flows);
        foreach (var period in periods)
        {
            foreach (var (name, flow) in flows)
            {
                var computed = await ComputeAsync(services, flow.Source, [.. flow.Targets], period);
                var kept = await KeptAsync(services, name, period);
                Assert.Equal(computed.Lags, kept.Lags);
                Assert.Equal(computed.Unconfirmed, kept.Unconfirmed);
            }
        }
    }

    /// <summary>The lags in ticks, sorted, and how many source orders are unconfirmed.</summary>
    public static async Task<(List<long> Lags, int Unconfirmed)> ComputeAsync(IServiceProvider services, string source, string[] targets, ReportPeriod period)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var created = await scope.ServiceProvider.GetRequiredService<SourceOrderReader>().CreatedInAsync(source, period, CancellationToken.None);
        var copies = await db.Records.AsNoTracking().Where(r => targets.Contains(r.System) && !r.Quarantined)
            .Select(r => new { r.System, r.OrderId, r.ReceivedAt }).ToListAsync();
        var lags = new List<long>();
        var unconfirmed = 0;
        foreach (var order in created)
        {
            var held = copies.Where(c => c.OrderId == order.OrderId).ToList();
            if (targets.Any(t => held.All(c => c.System != t)))
            {
                unconfirmed++;
                continue;
            }

            var lag = held.Max(c => c.ReceivedAt) - order.CreatedAt;
            lags.Add(lag < TimeSpan.Zero ? 0 : lag.Ticks);
        }

        return ([.. lags.Order()], unconfirmed);
    }

    /// <summary>The same read from the kept rows, as <see cref="FiguresQuery"/> reads them.</summary>
    public static async Task<(List<long> Lags, int Unconfirmed)> KeptAsync(IServiceProvider services, string flow, ReportPeriod period)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var (from, to) = (period.From, period.To);
        var rows = await db.OrderLags.AsNoTracking()
            .Where(l => l.Flow == flow && l.CreatedAt >= from && l.CreatedAt < to && l.UpdatedAt >= from)
            .Select(l => l.LagTicks).ToListAsync();
        return ([.. rows.OfType<long>().Order()], rows.Count(l => l is null));
    }
}
