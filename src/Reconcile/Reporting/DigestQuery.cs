using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Reporting;

/// <summary>Gathers one week's digest: the figures against the week before (through <see cref="FiguresQuery"/>) and its lists.</summary>
public sealed class DigestQuery(
    ReconcileDbContext db, FiguresQuery figures, SourceOrderReader orders, IOptionsMonitor<TopologyOptions> topology, TimeProvider time)
{
    public const int ListLimit = 15;
    public const int TopOrderCount = 10;
    public const int ChartDays = 28;

    public TimeZoneInfo Zone => BusinessTimeZone.Resolve(topology.CurrentValue.Calendar.TimeZone);

    public async Task<DigestReport> BuildAsync(DateOnly weekStart, CancellationToken cancellationToken)
    {
        var zone = Zone;
        var week = BusinessWeek.Week(weekStart, zone);
        var thisWeek = await figures.ComputeAsync(week, null, [DrillDownDimension.Campaign], cancellationToken);
        var lastWeek = await figures.ComputeAsync(BusinessWeek.Week(weekStart.AddDays(-7), zone), null, [], cancellationToken);
        var now = time.GetUtcNow();
        var overdue = db.Exceptions.AsNoTracking().Where(e => e.State != ExceptionState.Resolved && e.SlaDueAt < now);
        var (start, end) = (week.From, week.To);
        var recurring = await db.Exceptions.AsNoTracking()
            .Where(e => e.PreviousExceptionId != null && e.CreatedAt >= start && e.CreatedAt < end)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return new DigestReport(
            weekStart,
            thisWeek,
            lastWeek,
            await overdue.CountAsync(cancellationToken),
            await overdue.OrderBy(e => e.SlaDueAt).ThenBy(e => e.Id).Take(ListLimit).ToListAsync(cancellationToken),
            await figures.ManualTouchesAsync(week, figures.FlowNames, cancellationToken),
            recurring,
            await TopOrdersAsync(week, cancellationToken),
            await figures.DailyAsync(weekStart.AddDays(7 - ChartDays), ChartDays, zone, cancellationToken));
    }

    /// <summary>The week's ten largest source orders, each with its state in the flow's every system.</summary>
    private async Task<List<TopOrder>> TopOrdersAsync(ReportPeriod week, CancellationToken cancellationToken)
    {
        var candidates = new List<(string Flow, SourceOrder Order)>();
        foreach (var (flow, options) in topology.CurrentValue.Flows.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            candidates.AddRange((await orders.CreatedInAsync(options.Source, week, cancellationToken)).Select(o => (flow, o)));
        }

        var top = candidates
            .DistinctBy(c => c.Order.OrderId, StringComparer.Ordinal)
            .OrderByDescending(c => c.Order.Total).ThenBy(c => c.Order.OrderId, StringComparer.Ordinal)
            .Take(TopOrderCount).ToList();
        var result = new List<TopOrder>();
        foreach (var (flow, order) in top)
        {
            var options = topology.CurrentValue.Flows[flow];
            var copies = await db.Records.AsNoTracking().Where(r => r.OrderId == order.OrderId)
                .Select(r => new { r.System, r.Quarantined, r.Payload }).ToListAsync(cancellationToken);
            var states = new[] { options.Source }.Concat(options.Targets).Select(system =>
            {
                var copy = copies.FirstOrDefault(c => c.System == system);
                var state = copy is null ? "missing"
                    : copy.Quarantined ? "quarantined"
                    : (copy.Payload is { } payload ? SourceOrderReader.Parse(payload)?.Status : null) ?? "received";
                return KeyValuePair.Create(system, state);
            }).ToList();
            var open = await db.Exceptions.AsNoTracking()
                .Where(e => e.Flow == flow && e.OrderId == order.OrderId && e.State != ExceptionState.Resolved)
                .OrderBy(e => e.Id).Select(e => e.Type + " (" + e.System + ")").ToListAsync(cancellationToken);
            result.Add(new TopOrder(flow, order.OrderId, order.Total, order.Currency, states, open));
        }

        return result;
    }
}
