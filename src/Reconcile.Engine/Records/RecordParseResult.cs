namespace Reconcile.Engine.Records;

/// <summary>The outcome of parsing one payload: a record when valid, the errors otherwise.</summary>
public sealed record RecordParseResult(OrderRecord? Record, IReadOnlyList<FieldError> Errors, string? OrderId)
{
    public bool IsValid => Record is not null && Errors.Count == 0;
}
