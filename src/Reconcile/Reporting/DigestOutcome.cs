namespace Reconcile.Reporting;

/// <summary>What asking for a digest did.</summary>
public enum DigestOutcome
{
    /// <summary>The messages and the chart are in the outbox.</summary>
    Queued,

    /// <summary>That week's digest was posted before (the digests table's unique WeekStart).</summary>
    AlreadyPosted,

    /// <summary>Slack:DigestChannel is not set.</summary>
    NoChannel,
}
