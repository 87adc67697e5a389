using System.Text.Json;
using Reconcile.Auditing;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;

namespace Reconcile.Workflow;

/// <summary>An exception as the HTTP API names it (README, HTTP API) (more fields are welcome).</summary>
public sealed record ExceptionView(
    long Id, string Flow, string OrderId, string Type, string System, string? Attribute, string? Expected, string? Actual,
    string State, string? Resolution, string Owner, string OriginalOwner, int EscalationLevel, DateTimeOffset SlaDueAt,
    bool Overdue, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ResolvedAt, string? ResolvedBy,
    int Occurrences, decimal ValueAtRisk, JsonElement? Diagnostics, long? PreviousExceptionId, string? SlackChannel,
    string? SlackTs, IReadOnlyList<AuditEventView>? Audit)
{
    public static ExceptionView From(ExceptionEntity row, DateTimeOffset now, IReadOnlyList<AuditEventView>? audit = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ExceptionView(
            row.Id, row.Flow, row.OrderId, row.Type, row.System, row.Attribute, row.Expected, row.Actual,
            row.State.ToWireName(), row.Resolution?.ToWireName(), row.Owner, row.OriginalOwner, row.EscalationLevel, row.SlaDueAt,
            row.ResolvedAt is null && row.SlaDueAt < now, row.CreatedAt, row.LastSeenAt, row.ResolvedAt, row.ResolvedBy,
            row.Occurrences, row.ValueAtRisk, JsonFields.Parse(row.Diagnostics), row.PreviousExceptionId, row.SlackChannel,
            row.SlackTs, audit);
    }
}
