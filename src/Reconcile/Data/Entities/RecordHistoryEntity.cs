namespace Reconcile.Data.Entities;

/// <summary>An earlier version of a record, kept (bounded) for diagnostics.</summary>
public sealed class RecordHistoryEntity
{
    public long Id { get; set; }
    public required string System { get; set; }
    public required string OrderId { get; set; }
    public string ExternalId { get; set; } = "";
    public string? Payload { get; set; }
    public required string RawPayload { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public bool Quarantined { get; set; }
    public int Version { get; set; }
    public DateTimeOffset SupersededAt { get; set; }
}
