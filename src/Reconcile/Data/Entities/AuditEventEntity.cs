namespace Reconcile.Data.Entities;

/// <summary>An immutable, hash-chained record of one state change. The database refuses UPDATE and DELETE.</summary>
public sealed class AuditEventEntity
{
    public long Id { get; set; }
    public long? ExceptionId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? FromState { get; set; }
    public string? ToState { get; set; }
    public string? Reason { get; set; }

    /// <summary>JSON object with the action's details (before/after, attempts, responses).</summary>
    public string? Details { get; set; }

    public required string PrevHash { get; set; }
    public required string Hash { get; set; }
}
