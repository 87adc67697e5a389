namespace Reconcile.Data.Entities;

/// <summary>One weekly digest: the week it covers is unique, so a missed Monday is posted once, never twice.</summary>
public sealed class DigestEntity
{
    public long Id { get; set; }

    /// <summary>The Monday (business time zone) that starts the week the digest reports on.</summary>
    public DateOnly WeekStart { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string Channel { get; set; }

    /// <summary>The outbox row that posts it.</summary>
    public long? OutboxId { get; set; }
}
