namespace Reconcile.Topology;

/// <summary>
/// How Reconcile reaches a system to read records or replay into it. <c>InProcess</c> is the
/// simulator's copy; <c>Http</c> is the system's own API at <see cref="BaseUrl"/>, with paths of
/// <see cref="Pull"/>, <see cref="Read"/>, <see cref="Write"/> and <see cref="Create"/> relative to it.
/// </summary>
public sealed class ConnectorOptions
{
    public const string InProcess = "InProcess";
    public const string Http = "Http";

    public string Kind { get; set; } = InProcess;

    /// <summary>The API's root; relative paths resolve against it, so it should end with '/'.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Shorthand for <c>Auth: { Scheme: Bearer, Token }</c>; ignored when <see cref="Auth"/> is set.</summary>
    public string? Token { get; set; }

    /// <summary>How each call authenticates; null with no <see cref="Token"/>: no authentication header.</summary>
    public ConnectorAuthOptions? Auth { get; set; }

    /// <summary>Scheduled and on-demand reads of changed records; null: the system only pushes.</summary>
    public ConnectorPullOptions? Pull { get; set; }

    /// <summary>One order by id (a 404 means absent); null: findings against it are not confirmed.</summary>
    public ConnectorCallOptions? Read { get; set; }

    /// <summary>Replay into an order the system has; null: replay cannot update it.</summary>
    public ConnectorCallOptions? Write { get; set; }

    /// <summary>Replay of an order the system is missing; null: a missing order cannot be replayed.</summary>
    public ConnectorCallOptions? Create { get; set; }

    /// <summary>Budget of one HTTP attempt; the whole call may take up to (1 + <see cref="Retries"/>) times this plus the delays.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a 5xx, a 408, a 429 or a timeout; 4xx answers are never retried.</summary>
    public int Retries { get; set; } = 3;

    /// <summary>First retry delay; later ones back off exponentially with jitter, or follow Retry-After on 429.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The credentials in effect: <see cref="Auth"/>, else a bearer <see cref="Token"/>, else none.</summary>
    public ConnectorAuthOptions? EffectiveAuth =>
        Auth ?? (string.IsNullOrEmpty(Token) ? null : new ConnectorAuthOptions { Scheme = ConnectorAuthOptions.Bearer, Token = Token });
}
