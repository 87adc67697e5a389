using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Engine.Calendar;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Matching;

namespace Reconcile.Reconciliation;

/// <summary>stale_source: a system with a freshness window that has sent nothing for longer, in business hours.</summary>
public sealed class FreshnessCheck(ReconcileDbContext db, IOptionsMonitor<TopologyOptions> topology, BusinessCalendar calendar)
{
    public async Task<IReadOnlyList<Finding>> CheckAsync(string flow, IReadOnlyList<string> systems, DateTimeOffset now, CancellationToken cancellationToken)
    {
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
            if (StaleSourceCheck.Check(flow, system, options.Owner, last, window, now, calendar.IsBusinessTime(now)) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }
}
