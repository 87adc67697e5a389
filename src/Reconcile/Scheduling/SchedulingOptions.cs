namespace Reconcile.Scheduling;

/// <summary>The "Scheduling" section: whether the schedule runs, and how replicas share it on PostgreSQL.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>False pauses every scheduled job (runs on demand still work): for maintenance and tests.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Share one schedule between every replica on the same database (Quartz's clustered job store). Null means
    /// "true on PostgreSQL": SQLite is one process, so it always keeps the in-memory store and ignores this.
    /// </summary>
    public bool? Clustered { get; set; }

    /// <summary>
    /// This replica's name in the cluster and on the runs it executes (the run's <c>instance</c>). Must differ per
    /// replica; empty means host name and process id, unique per replica and stable across a pod's restarts of pid 1.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// A clustered run whose heartbeat is older than this is taken for dead (its replica was killed) and marked failed
    /// by whichever replica notices. Replicas beat every quarter of it, so four missed beats make a run dead.
    /// </summary>
    public TimeSpan DeadRunAfter { get; set; } = TimeSpan.FromMinutes(2);
}
