using System.Globalization;
using Reconcile.Data;

namespace Reconcile.Scheduling;

/// <summary>
/// Who this process is among the replicas: its id (Quartz's scheduler instance id and each run's <c>instance</c>)
/// and whether it shares the schedule with others (PostgreSQL with <c>Scheduling:Clustered</c> not false).
/// </summary>
public sealed class ReplicaIdentity(string id, bool clustered)
{
    /// <summary>Unique per replica: <c>Scheduling:InstanceId</c>, else "host-pid".</summary>
    public string Id { get; } = id;

    /// <summary>True when other replicas may run flows against the same database.</summary>
    public bool Clustered { get; } = clustered;

    /// <summary>Reads Database:Provider and the Scheduling section; never throws (a bad provider is start-up validation's to report).</summary>
    public static ReplicaIdentity From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var postgres = string.Equals(configuration[$"{DatabaseOptions.Section}:Provider"], DatabaseOptions.Postgres, StringComparison.OrdinalIgnoreCase);
        var id = string.IsNullOrWhiteSpace(options.InstanceId)
            ? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}")
            : options.InstanceId.Trim();
        return new ReplicaIdentity(id, postgres && (options.Clustered ?? true));
    }
}
