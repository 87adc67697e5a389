using System.Text.Json;
using Reconcile.Data.Entities;

namespace Reconcile.Auditing;

/// <summary>An audit event as the HTTP API names it (README, HTTP API).</summary>
public sealed record AuditEventView(
    long Id, long? ExceptionId, DateTimeOffset At, string Actor, string Action, string? FromState, string? ToState,
    string? Reason, JsonElement? Details, string PrevHash, string Hash)
{
    public static AuditEventView From(AuditEventEntity audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return new AuditEventView(audit.Id, audit.ExceptionId, audit.At, audit.Actor, audit.Action, audit.FromState, audit.ToState,
            audit.Reason, JsonFields.Parse(audit.Details), audit.PrevHash, audit.Hash);
    }
}
