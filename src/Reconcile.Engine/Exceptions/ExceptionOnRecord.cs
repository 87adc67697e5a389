namespace Reconcile.Engine.Exceptions;

/// <summary>
/// An exception already on record for the flow: what the planner needs to know about it.
/// Not called "KnownException": CA1711 reserves that suffix for System.Exception types.
/// </summary>
public sealed record ExceptionOnRecord
{
    public required string Id { get; init; }

    public required string Fingerprint { get; init; }

    public required string OrderId { get; init; }

    public required ExceptionState State { get; init; }

    public int Occurrences { get; init; } = 1;

    public DateTimeOffset? LastSeenAt { get; init; }

    /// <summary>When it was resolved; picks the latest of several resolved exceptions for one fingerprint.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    public bool IsResolved => State == ExceptionState.Resolved;
}
