namespace Reconcile.Data.Entities;

/// <summary>
/// A flow's automation switch, persisted so it survives restarts and holds on every replica. No row: on
/// (as configured). The breaker and admins turn it off; only an admin turns it back on.
/// </summary>
public sealed class AutomationSwitchEntity
{
    public required string Flow { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>A Slack user id, or <c>system:auto</c> when the breaker tripped.</summary>
    public required string ChangedBy { get; set; }

    public string? Reason { get; set; }

    /// <summary>Optimistic concurrency: two replicas switching at once produce one change (and one alert).</summary>
    public int Version { get; set; }
}
