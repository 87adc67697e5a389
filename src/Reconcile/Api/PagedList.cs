namespace Reconcile.Api;

/// <summary>The list shape of every list endpoint: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);
