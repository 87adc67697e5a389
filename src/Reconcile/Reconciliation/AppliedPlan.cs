using Reconcile.Data.Entities;

namespace Reconcile.Reconciliation;

/// <summary>What a run did to the exceptions on record.</summary>
public sealed record AppliedPlan(
    IReadOnlyList<ExceptionEntity> Opened,
    IReadOnlyList<ExceptionEntity> Updated,
    IReadOnlyList<ExceptionEntity> AutoResolved);
