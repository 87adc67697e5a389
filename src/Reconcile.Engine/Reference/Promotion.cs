namespace Reconcile.Engine.Reference;

/// <summary>A promotion: eligible for one campaign (or any when null) between optional dates.</summary>
public sealed record Promotion(
    string Code,
    string? Campaign,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    decimal? PercentOff,
    decimal? AmountOff)
{
    public bool IsValidAt(DateTimeOffset at) =>
        (ValidFrom is null || at >= ValidFrom) && (ValidTo is null || at <= ValidTo);
}
