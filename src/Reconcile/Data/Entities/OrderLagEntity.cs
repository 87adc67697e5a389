namespace Reconcile.Data.Entities;

/// <summary>
/// One source copy of an order in one flow, narrowed to what the figures' lag needs: when the source says the order
/// was created and last updated (UTC), and how long after creation the last target received it (null while some target
/// holds no copy). Kept up to date from the records by <c>OrderLagMaintainer</c> wherever records change.
/// </summary>
public sealed class OrderLagEntity
{
    public long Id { get; set; }
    public required string Flow { get; set; }
    public required string OrderId { get; set; }

    /// <summary>The source copy's createdAt, else its updatedAt (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The source copy's updatedAt (UTC): a copy updated before a period began is not counted in it.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Created → last target received, in ticks (never negative); null while unconfirmed.</summary>
    public long? LagTicks { get; set; }
}
