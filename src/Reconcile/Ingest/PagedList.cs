namespace Reconcile.Ingest;

/// <summary>The list shape of DESIGN §7: { items, page, pageSize, total }.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
