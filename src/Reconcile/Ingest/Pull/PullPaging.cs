using System.Globalization;
using System.Text.Json;
using Json.Pointer;
using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// The three ways APIs hand out the next page (<c>Pull:Paging:Kind</c>): the <c>Link</c> header's <c>rel="next"</c>
/// (RFC 8288; Shopify-style), a cursor read from the answer at <c>NextPointer</c> (HubSpot-style
/// <c>/paging/next/after</c>) or the last item's id while <c>HasMorePointer</c> is true (Stripe-style
/// <c>starting_after</c> with <c>has_more</c>), and page numbers 1, 2, … until a page comes back empty.
/// </summary>
public static class PullPaging
{
    /// <summary>The first request: <paramref name="changes"/> (path and since), with page 1 when paging by number.</summary>
    public static string First(ConnectorPagingOptions? paging, string changes) =>
        paging is { Kind: ConnectorPagingOptions.Page, Parameter: { } parameter } ? PullRequests.With(changes, parameter, "1") : changes;

    /// <summary>
    /// What follows page <paramref name="page"/> (1-based), read from its <paramref name="headers"/> (the <c>Link</c> values),
    /// JSON <paramref name="root"/> and <paramref name="items"/>. A cursor is always added to <paramref name="changes"/> (the
    /// first request without paging), so it replaces the previous one instead of piling up.
    /// </summary>
    public static PageStep Next(ConnectorPagingOptions? paging, string changes, IEnumerable<string> headers, JsonElement root, IReadOnlyList<JsonElement> items, int page)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(items);
        switch (paging?.Kind)
        {
            case null:
                return PageStep.Done;
            case ConnectorPagingOptions.Link:
                return LinkHeader.Next(headers) is { Length: > 0 } next ? PageStep.To(next) : PageStep.Done;
            case ConnectorPagingOptions.Page:
                return items.Count == 0 ? PageStep.Done : PageStep.To(PullRequests.With(changes, paging.Parameter!, (page + 1).ToString(CultureInfo.InvariantCulture)));
            case ConnectorPagingOptions.Cursor when paging.From == ConnectorPagingOptions.LastItemId:
                return LastItemCursor(paging, changes, root, items, page);
            default:
                return Text(root, paging.NextPointer!) is { Length: > 0 } cursor ? PageStep.To(PullRequests.With(changes, paging.Parameter!, cursor)) : PageStep.Done;
        }
    }

    private static PageStep LastItemCursor(ConnectorPagingOptions paging, string changes, JsonElement root, IReadOnlyList<JsonElement> items, int page)
    {
        var more = JsonPointer.Parse(paging.HasMorePointer!).Evaluate(root);
        if (more is not { ValueKind: JsonValueKind.True })
        {
            return PageStep.Done;
        }

        if (items.Count == 0)
        {
            return PageStep.Fail($"page {page} says there is more ({paging.HasMorePointer} is true) but holds no item to continue after");
        }

        return Text(items[^1], paging.IdPointer) is { Length: > 0 } id
            ? PageStep.To(PullRequests.With(changes, paging.Parameter!, id))
            : PageStep.Fail($"page {page}: the last item has no id at Pull:Paging:IdPointer {paging.IdPointer}, so the next page cannot be asked for");
    }

    /// <summary>A string, or a number as written (ids beyond 2^53 stay exact); null for anything else or absent.</summary>
    private static string? Text(JsonElement element, string pointer) => JsonPointer.Parse(pointer).Evaluate(element) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        _ => null,
    };
}
