namespace Reconcile.Data.Entities;

/// <summary>
/// One replay of one exception, saved in the same transaction that moves the exception to replaying. Its
/// <see cref="IdempotencyKey"/> is what the target sees on every try of the write, so a retry after a timeout,
/// or the same replay resumed after a restart, is recognised by the target and applied at most once.
/// </summary>
public sealed class ReplayAttemptEntity
{
    public long Id { get; set; }

    public long ExceptionId { get; set; }

    /// <summary>1 for the exception's first replay, 2 for the next, …</summary>
    public int Attempt { get; set; }

    /// <summary>The exception's version once replaying: one replay, one version.</summary>
    public int Version { get; set; }

    /// <summary><c>exception-{id}-v{version}</c>, sent in the target's configured idempotency header.</summary>
    public required string IdempotencyKey { get; set; }

    public required string Target { get; set; }

    /// <summary>Who asked: a Slack user id, or a system actor such as <c>system:auto</c>.</summary>
    public required string Actor { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the target acknowledged the write (2xx); null while unknown, e.g. the answer was lost.</summary>
    public DateTimeOffset? WrittenAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary><c>replayed</c> (verified) or <c>failed</c>; null while the replay is going.</summary>
    public string? Outcome { get; set; }

    /// <summary>Why it failed, including the target's answer (status and body, truncated).</summary>
    public string? Failure { get; set; }
}
