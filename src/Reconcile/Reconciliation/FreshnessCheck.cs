using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Engine.Calendar;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Matching;
using Reconcile.Topology;

namespace Reconcile.Reconciliation;

/// <summary>stale_source: a system with a freshness window that has sent nothing for longer, in business hours.</summary>
public sealed class FreshnessCheck(ReconcileDbContext db, IOptionsMonitor<TopologyOptions> topology, BusinessCalendar calendar)
{
    /// <summary>The stale feeds, and whether feeds were judged at all (only in business hours).</summary>
    public sealed record Result(IReadOnlyList<Finding> Findings, bool Evaluated);

    public async Task<Result> CheckAsync(string flow, IReadOnlyList<string> systems, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!calendar.IsBusinessTime(now))
        {
            return new Result([], Evaluated: false);
        }

        var findings = new List<Finding>();
        foreach (var system in systems)
        {
            var options = topology.CurrentValue.Systems[system];
            if (options.FreshnessWindow is not { } window)
            {
                continue;
            }

            var last = await db.Records.AsNoTracking().Where(r => r.System == system)
                .OrderByDescending(r => r.ReceivedAt).Select(r => (DateTimeOffset?)r.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
            if (StaleSourceCheck.Check(flow, system, options.Owner, last, window, now, isBusinessHours: true) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return new Result(findings, Evaluated: true);
    }
}
