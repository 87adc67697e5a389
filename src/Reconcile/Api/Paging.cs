using Microsoft.AspNetCore.Http.HttpResults;

namespace Reconcile.Api;

/// <summary>page (from 1) and pageSize (1–500, default 50) for every list endpoint.</summary>
public sealed record Paging(int Page, int Size, ProblemHttpResult? Problem)
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public int Skip => (Page - 1) * Size;

    public static Paging From(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var s = pageSize ?? DefaultSize;
        return p < 1 || s < 1 || s > MaxSize
            ? new Paging(1, DefaultSize, ApiProblems.BadRequest($"page must be 1 or more and pageSize between 1 and {MaxSize}."))
            : new Paging(p, s, null);
    }
}
