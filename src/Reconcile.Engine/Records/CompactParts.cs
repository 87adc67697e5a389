namespace Reconcile.Engine.Records;

/// <summary>
/// The parts of a record that typed columns do not hold, as <see cref="CompactRecordCodec"/> stores them:
/// the record's own external id, its times to the tick with their offset, and its line items.
/// </summary>
public sealed record CompactParts(string? ExternalId, DateTimeOffset UpdatedAt, DateTimeOffset? CreatedAt, IReadOnlyList<OrderLine> Lines);
