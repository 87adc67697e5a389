using Reconcile.Engine.Exceptions;

namespace Reconcile.Data.Entities;

/// <summary>The unit of human work: a finding with an owner, SLA, state, Slack message and audit trail.</summary>
public sealed class ExceptionEntity
{
    public long Id { get; set; }
    public required string Flow { get; set; }
    public required string OrderId { get; set; }
    public required string Type { get; set; }
    public required string System { get; set; }
    public string? Attribute { get; set; }

    /// <summary>(flow, orderId, type, system, attribute): a later run with the same fingerprint updates this row.</summary>
    public required string Fingerprint { get; set; }

    public string? Expected { get; set; }
    public string? Actual { get; set; }
    /// <summary>Changed only through the lifecycle (Lifecycle/ExceptionTransitions); stored as its lower-case name ("open", …).</summary>
    public ExceptionState State { get; set; } = ExceptionState.Open;

    /// <summary>Set when resolved; stored as its lower-case name ("approved", "replayed", "auto").</summary>
    public Resolution? Resolution { get; set; }
    public required string Owner { get; set; }
    public required string OriginalOwner { get; set; }
    public int EscalationLevel { get; set; }
    public DateTimeOffset SlaDueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public int Occurrences { get; set; } = 1;
    public decimal ValueAtRisk { get; set; }
    public string Diagnostics { get; set; } = "{}";
    public long? PreviousExceptionId { get; set; }
    public long? RunId { get; set; }
    public string? SlackChannel { get; set; }
    public string? SlackTs { get; set; }

    /// <summary>The due time whose breach was already escalated, so a sweep escalates each breach once.</summary>
    public DateTimeOffset? SlaBreachHandledFor { get; set; }

    /// <summary>Optimistic concurrency: every change increments it, and a stale write fails.</summary>
    public int Version { get; set; }
}
