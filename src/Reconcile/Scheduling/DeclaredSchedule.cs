using Quartz;

namespace Reconcile.Scheduling;

/// <summary>
/// The recurring triggers and the per-flow and per-system jobs this start declared from configuration. Anything else recurring in a
/// persistent store was declared by an earlier configuration and is removed by <see cref="StaleScheduleCleanup"/>.
/// </summary>
public sealed class DeclaredSchedule
{
    private readonly HashSet<TriggerKey> _triggers = [];
    private readonly HashSet<JobKey> _configuredJobs = [];
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);

    public IReadOnlySet<TriggerKey> Triggers => _triggers;

    /// <summary>One job per configured flow (<c>run:&lt;flow&gt;</c>) and per pulled system (<c>pull:&lt;system&gt;</c>).</summary>
    public IReadOnlySet<JobKey> ConfiguredJobs => _configuredJobs;

    /// <summary>Trigger groups this declaration owns; a stored trigger in another group (a feature's own) is left alone.</summary>
    public IReadOnlySet<string> Groups => _groups;

    internal void Trigger(TriggerKey key)
    {
        _triggers.Add(key);
        _groups.Add(key.Group);
    }

    internal void Own(params string[] groups) => _groups.UnionWith(groups);

    internal void ConfiguredJob(JobKey key) => _configuredJobs.Add(key);
}
