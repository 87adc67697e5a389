using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Exceptions;

/// <summary>An unresolved exception seen again: record the new finding, occurrences and last-seen time.</summary>
public sealed record PlannedUpdate(ExceptionOnRecord Existing, Finding Finding, int Occurrences);
