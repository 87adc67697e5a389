using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Exceptions;

/// <summary>A finding to open as a new exception; linked to the last resolved one when it recurs.</summary>
public sealed record PlannedOpen(Finding Finding, string? PreviousExceptionId)
{
    public bool IsRecurrence => PreviousExceptionId is not null;
}
