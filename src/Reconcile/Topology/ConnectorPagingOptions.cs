namespace Reconcile.Topology;

/// <summary>
/// How a pull finds the next page. <c>Link</c>: the <c>Link</c> header's <c>rel="next"</c> URL (RFC 8288).
/// <c>Cursor</c>: <see cref="Parameter"/> set to the value at <see cref="NextPointer"/> in the answer, or
/// with <see cref="From"/> <c>lastItemId</c> to the last item's id while <see cref="HasMorePointer"/> is true.
/// <c>Page</c>: <see cref="Parameter"/> set to 1, 2, … until a page has no items.
/// </summary>
public sealed class ConnectorPagingOptions
{
    public const string Link = "Link";
    public const string Cursor = "Cursor";
    public const string Page = "Page";
    public const string LastItemId = "lastItemId";

    public string Kind { get; set; } = Link;
    public string? Parameter { get; set; }
    public string? NextPointer { get; set; }
    public string? From { get; set; }
    public string? HasMorePointer { get; set; }

    /// <summary>For <c>From: lastItemId</c>: where the item's id is (JSON Pointer), default <c>/id</c>.</summary>
    public string IdPointer { get; set; } = "/id";
}
