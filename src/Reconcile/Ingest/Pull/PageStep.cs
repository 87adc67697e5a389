namespace Reconcile.Ingest.Pull;

/// <summary>After a page: the next path or URL to ask for, or none (the last page was read), or why paging cannot go on.</summary>
public sealed record PageStep(string? Next, string? Error)
{
    public static PageStep Done { get; } = new(null, null);

    public static PageStep To(string next) => new(next, null);

    public static PageStep Fail(string error) => new(null, error);
}
