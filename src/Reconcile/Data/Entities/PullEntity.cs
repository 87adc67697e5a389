namespace Reconcile.Data.Entities;

/// <summary>
/// One pull of a system's API (<c>Systems:&lt;name&gt;:Connector:Pull</c>): who started it, how far it got, what it
/// stored, why it failed, and the system's watermark before and after (after is null when it did not move).
/// </summary>
public sealed class PullEntity
{
    public long Id { get; set; }
    public required string System { get; set; }

    /// <summary><c>scheduled</c>, <c>api</c> or <c>cli</c>.</summary>
    public string Trigger { get; set; } = PullTrigger.Api;

    /// <summary><c>running</c>, <c>completed</c> or <c>failed</c> (<see cref="PullStatus"/>).</summary>
    public string Status { get; set; } = PullStatus.Running;

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Pages read and stored (a failed page is not counted).</summary>
    public int Pages { get; set; }

    /// <summary>Valid records that were new or changed.</summary>
    public int RecordsStored { get; set; }

    /// <summary>Records identical to the copy already stored (read again, nothing changed).</summary>
    public int RecordsUnchanged { get; set; }

    /// <summary>Records that could not be read and were stored quarantined with the reason.</summary>
    public int RecordsQuarantined { get; set; }

    /// <summary>Why the pull failed, one reason per line; null when it completed.</summary>
    public string? Errors { get; set; }

    /// <summary>The system's watermark when the pull began (the updated-since value before the overlap); null: first pull.</summary>
    public DateTimeOffset? WatermarkBefore { get; set; }

    /// <summary>Where the pull moved the watermark: only a complete pull that read a newer updatedAt moves it.</summary>
    public DateTimeOffset? WatermarkAfter { get; set; }

    /// <summary>The replica that executes the pull (<c>Scheduling:InstanceId</c>).</summary>
    public string? Instance { get; set; }

    /// <summary>Last sign of life (set after each page); a running pull silent far longer is taken for dead.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
}
