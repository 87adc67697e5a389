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

    /// <summary>
    /// Where the object sits (JSON Pointer): in a read's answer (<c>/data/0</c> of a search: nothing there means absent), and in a
    /// write's body (<c>/order</c> sends <c>{"order": {…}}</c>); empty: the object itself.
    /// </summary>
    public string ItemPointer { get; set; } = "";

    /// <summary>
    /// <c>Read</c> only: the most orders one run confirms by reading this system before opening exceptions against it;
    /// findings beyond it stand, marked "not confirmed". 0 switches confirming reads off.
    /// </summary>
    public int MaxPerRun { get; set; } = 200;

    /// <summary><c>Read</c> only: how many confirming reads of this system one run has in flight at once.</summary>
    public int Concurrency { get; set; } = 4;
}
