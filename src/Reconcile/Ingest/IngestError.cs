using Reconcile.Engine.Records;

namespace Reconcile.Ingest;

/// <summary>One refused field of item <paramref name="Index"/> of a request, as the ingest answer lists it.</summary>
public sealed record IngestError(int Index, string? OrderId, string Field, string Message)
{
    private const int MaxMessageLength = 300;

    /// <summary>The error for <paramref name="error"/>, with the order id, field and message cut so an over-long value is never echoed in full.</summary>
    public static IngestError Of(int index, string? orderId, FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new IngestError(
            index,
            orderId is null ? null : FieldLimits.Shorten(orderId, FieldLimits.Id),
            FieldLimits.Shorten(error.Field, FieldLimits.Key * 2),
            FieldLimits.Shorten(error.Message, MaxMessageLength));
    }
}
