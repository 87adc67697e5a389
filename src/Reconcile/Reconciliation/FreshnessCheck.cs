using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Calendar;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Matching;
using Reconcile.Ingest.Pull;
using Reconcile.Topology;

namespace Reconcile.Reconciliation;

/// <summary>
/// stale_source: a system with a freshness window that has sent nothing for longer, in business hours. For a pulled
/// system a complete pull counts as hearing from it (nothing changed is not silence), and a failing pull is named.
/// </summary>
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
            var pulled = PullFailures.PulledSystems(topology.CurrentValue).Contains(system);
            if (pulled)
            {
                // A complete pull that found nothing new proves the feed alive; a failing one does not.
                var completed = await db.Pulls.AsNoTracking().Where(p => p.System == system && p.Status == PullStatus.Completed)
                    .OrderByDescending(p => p.Id).Select(p => p.FinishedAt).FirstOrDefaultAsync(cancellationToken);
                last = completed is { } at && (last is null || at > last) ? at : last;
            }

            if (StaleSourceCheck.Check(flow, system, options.Owner, last, window, now, isBusinessHours: true) is { } finding)
            {
                var failed = pulled ? await PullFailures.ReadAsync(db, [system], cancellationToken) : [];
                findings.Add(failed.Count == 0 ? finding : WithPullFailure(finding, failed[0]));
            }
        }

        return new Result(findings, Evaluated: true);
    }

    /// <summary>The stale feed's finding says why: its last pull failed, with the system's answer.</summary>
    private static Finding WithPullFailure(Finding finding, PullEntity pull) => finding with
    {
        Diagnostics = finding.Diagnostics with
        {
            FailedChecks = [.. finding.Diagnostics.FailedChecks, $"pull: {PullFailures.Describe(pull)}"],
            SuggestedRemediation = $"The last pull of {pull.System} failed ({pull.Errors}); fix the connector (Systems:{pull.System}:Connector) and pull again.",
        },
    };
}
