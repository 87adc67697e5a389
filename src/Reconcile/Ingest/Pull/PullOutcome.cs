namespace Reconcile.Ingest.Pull;

/// <summary>
/// How a pull's reading ended: <paramref name="Complete"/> when every page was read (only then may the watermark move,
/// to <paramref name="Newest"/>), else <paramref name="Error"/> says where and why it stopped.
/// </summary>
public sealed record PullOutcome(bool Complete, DateTimeOffset? Newest, string? Error)
{
    public static PullOutcome Failed(string error) => new(false, null, error);
}
