using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Ingest.Pull;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Slack.Commands;

/// <summary>Reads the status figures of every configured flow from the runs and exceptions tables.</summary>
public sealed class StatusQuery(ReconcileDbContext db, IOptions<TopologyOptions> topology, TimeProvider time)
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>The configured flows' names in ordinal order, as <see cref="ReadAsync"/> lists them (no database read).</summary>
    public IReadOnlyList<string> FlowNames => [.. topology.Value.Flows.Keys.Order(StringComparer.Ordinal)];

    public async Task<IReadOnlyList<FlowStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var weekAgo = now - Week;
        // Counted by the database: a million orders can leave tens of thousands open, and only their counts are shown.
        var open = await db.Exceptions.AsNoTracking()
            .Where(e => e.State != ExceptionState.Resolved)
            .GroupBy(e => new { e.Flow, e.Owner, e.Type })
            .Select(g => new { g.Key.Flow, g.Key.Owner, g.Key.Type, Count = g.Count(), Overdue = g.Count(e => e.SlaDueAt < now) })
            .ToListAsync(cancellationToken);
        var failedPulls = await PullFailures.ReadAsync(db, PullFailures.PulledSystems(topology.Value), cancellationToken);
        var result = new List<FlowStatus>();
        foreach (var (flow, options) in topology.Value.Flows.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var last = await db.Runs.AsNoTracking().Where(r => r.Flow == flow).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken);
            var lastCompleted = last?.Status == RunStatus.Completed
                ? last
                : await db.Runs.AsNoTracking().Where(r => r.Flow == flow && r.Status == RunStatus.Completed)
                    .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken);
            var week = await db.Runs.AsNoTracking()
                .Where(r => r.Flow == flow && r.Status == RunStatus.Completed && r.StartedAt >= weekAgo)
                .Select(r => new { r.OrdersExamined, r.OrdersMatched })
                .ToListAsync(cancellationToken);
            var counts = open.Where(e => e.Flow == flow)
                .OrderBy(g => g.Owner, StringComparer.Ordinal).ThenBy(g => g.Type, StringComparer.Ordinal)
                .Select(g => new OpenExceptionCount(g.Owner, g.Type, g.Count, g.Overdue))
                .ToList();
            result.Add(new FlowStatus(
                flow, options.Mode, last?.StartedAt, last?.Status, lastCompleted?.OrdersExamined ?? 0, lastCompleted?.OrdersMatched ?? 0, lastCompleted?.OrdersPending ?? 0,
                week.Sum(r => r.OrdersExamined), week.Sum(r => r.OrdersMatched), week.Count, counts)
            {
                FailedPulls = [.. failedPulls.Where(p => p.System == options.Source || options.Targets.Contains(p.System)).Select(PullFailures.Describe)],
            });
        }

        return result;
    }
}
