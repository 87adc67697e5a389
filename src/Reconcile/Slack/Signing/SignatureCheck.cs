namespace Reconcile.Slack.Signing;

/// <summary>The outcome of checking one request's Slack signature; only <see cref="Valid"/> may be processed.</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    UnknownVersion,
    BadTimestamp,
    Stale,
    Mismatch,
}
