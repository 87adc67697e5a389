namespace Reconcile.Data.Entities;

/// <summary>
/// A flow whose lag rows (<see cref="OrderLagEntity"/>) are built, and for which source and targets: when the configured
/// flow no longer matches the signature, its rows are rebuilt from the records before they are read or maintained.
/// </summary>
public sealed class OrderLagFlowEntity
{
    public required string Flow { get; set; }

    /// <summary>"source>target1,target2" (targets distinct, in ordinal order), behind a version of the computation.</summary>
    public required string Signature { get; set; }
}
