using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// Which pulled systems are failing: those whose latest finished pull failed (a later complete pull clears it).
/// Read by <c>/healthz</c>, <c>/recon status</c> and the freshness check, so all three tell the same story.
/// </summary>
public static class PullFailures
{
    /// <summary>The systems with a <c>Connector:Pull</c>, in name order.</summary>
    public static IReadOnlyList<string> PulledSystems(TopologyOptions topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return [.. topology.Systems.Where(s => PullRunner.NotPullable(topology, s.Key) is null).Select(s => s.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>The failed latest pull of each of <paramref name="systems"/> whose latest finished pull failed.</summary>
    public static async Task<IReadOnlyList<PullEntity>> ReadAsync(ReconcileDbContext db, IEnumerable<string> systems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(systems);
        var failed = new List<PullEntity>();
        foreach (var system in systems)
        {
            var latest = await db.Pulls.AsNoTracking().Where(p => p.System == system && p.Status != PullStatus.Running)
                .OrderByDescending(p => p.Id).FirstOrDefaultAsync(cancellationToken);
            if (latest is { Status: PullStatus.Failed })
            {
                failed.Add(latest);
            }
        }

        return failed;
    }

    /// <summary>"billing: pull 12 failed at 2026-11-23 15:00:00Z: page 1: billing answered 401 Unauthorized: …".</summary>
    public static string Describe(PullEntity pull)
    {
        ArgumentNullException.ThrowIfNull(pull);
        return FormattableString.Invariant($"{pull.System}: pull {pull.Id} failed at {pull.FinishedAt ?? pull.StartedAt:u}: {pull.Errors}");
    }
}
