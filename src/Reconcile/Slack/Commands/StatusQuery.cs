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

    public async Task<IReadOnlyList<FlowStatus>> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var weekAgo = now - Week;
        var open = await db.Exceptions.AsNoTracking()
            .Where(e => e.State != ExceptionState.Resolved)
            .Select(e => new { e.Flow, e.Owner, e.Type, e.SlaDueAt })
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
                .GroupBy(e => (e.Owner, e.Type))
                .OrderBy(g => g.Key.Owner, StringComparer.Ordinal).ThenBy(g => g.Key.Type, StringComparer.Ordinal)
                .Select(g => new OpenExceptionCount(g.Key.Owner, g.Key.Type, g.Count(), g.Count(e => e.SlaDueAt < now)))
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
