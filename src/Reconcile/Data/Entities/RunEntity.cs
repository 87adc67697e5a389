namespace Reconcile.Data.Entities;

/// <summary>One execution of a flow.</summary>
public sealed class RunEntity
{
    public long Id { get; set; }
    public required string Flow { get; set; }
    public string Status { get; set; } = RunStatus.Running;
    public bool Full { get; set; }
    public string TriggeredBy { get; set; } = "system";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int OrdersExamined { get; set; }
    public int OrdersMatched { get; set; }

    /// <summary>Orders inside the lag window (by their own updatedAt) when the run looked: not compared, never matched.</summary>
    public int OrdersPending { get; set; }

    /// <summary>JSON object: finding type → count.</summary>
    public string FindingsByType { get; set; } = "{}";

    public int ExceptionsOpened { get; set; }
    public int ExceptionsUpdated { get; set; }
    public int ExceptionsAutoResolved { get; set; }

    /// <summary>Records received up to this instant were covered; the next incremental run starts here.</summary>
    public DateTimeOffset? Watermark { get; set; }

    public string? Error { get; set; }

    /// <summary>The replica that executes (or recorded) the run: its <c>Scheduling:InstanceId</c>.</summary>
    public string? Instance { get; set; }

    /// <summary>Last sign of life of the run's replica (clustered only); a run beating no more is taken for dead.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>The run's exception rate passed the flow's MaxExceptionRate: one alert instead of a flood.</summary>
    public bool CircuitBreakerTripped { get; set; }
}
