using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// Degraded, naming each system and the reason, while a pulled system's latest pull failed (a refused token, the
/// system down after retries, a repeating cursor…): its records are not arriving. Never unhealthy — the fault is
/// outside, so this instance keeps serving.
/// </summary>
public sealed class PullHealthCheck(ReconcileDbContext db, IOptionsMonitor<TopologyOptions> topology) : IHealthCheck
{
    public const string Name = "pulls";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var systems = PullFailures.PulledSystems(topology.CurrentValue);
        if (systems.Count == 0)
        {
            return HealthCheckResult.Healthy("no system is pulled");
        }

        var failed = await PullFailures.ReadAsync(db, systems, cancellationToken);
        return failed.Count == 0
            ? HealthCheckResult.Healthy($"no failed pull ({string.Join(", ", systems)})")
            : HealthCheckResult.Degraded(string.Join("; ", failed.Select(PullFailures.Describe)));
    }
}
