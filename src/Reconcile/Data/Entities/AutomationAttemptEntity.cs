namespace Reconcile.Data.Entities;

/// <summary>
/// One automatic decision about one exception: a replay by <c>system:auto</c> (Live) or a "would replay"
/// (Shadow). Unique per (exception, mode), so each occurrence of a fingerprint is tried once, on every
/// replica: the insert is the claim.
/// </summary>
public sealed class AutomationAttemptEntity
{
    public long Id { get; set; }
    public long ExceptionId { get; set; }
    public required string Flow { get; set; }

    /// <summary>The matching rule's name, e.g. "missing_in_target/crm".</summary>
    public required string Rule { get; set; }

    /// <summary><see cref="AutomationAttemptStatus"/>'s mode names: "live" or "shadow".</summary>
    public required string Mode { get; set; }

    /// <summary>One of <see cref="AutomationAttemptStatus"/>.</summary>
    public required string Status { get; set; }

    /// <summary>The run whose findings raised or updated the exception.</summary>
    public long? RunId { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>What the target answered (the failure, or the last response), as the owner is told.</summary>
    public string? Outcome { get; set; }
}
