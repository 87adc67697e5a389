namespace Reconcile.Topology;

/// <summary>
/// One call of a connector: <see cref="Method"/> on <see cref="Path"/> relative to the BaseUrl, where
/// <c>{orderId}</c> and <c>{externalId}</c> are replaced by the URL-escaped ids (<c>#1001</c> becomes <c>%231001</c>).
/// </summary>
public sealed class ConnectorCallOptions
{
    public string Method { get; set; } = "GET";
    public string Path { get; set; } = "";

    /// <summary>The header that carries the idempotency key on writes, e.g. <c>Idempotency-Key</c>; null: none sent.</summary>
    public string? IdempotencyHeader { get; set; }

    /// <summary>Where the object sits in the answer (JSON Pointer); empty: the answer is the object.</summary>
    public string ItemPointer { get; set; } = "";
}
