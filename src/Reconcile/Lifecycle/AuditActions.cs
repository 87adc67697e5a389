namespace Reconcile.Lifecycle;

/// <summary>
/// Every audit <c>action</c> name an exception's trail can hold, in one list. Reporting counts manual
/// touches from them (approved, replayed by people) and the API shows them as written, so they are
/// part of the contract: add names, never rename one.
/// </summary>
public static class AuditActions
{
    /// <summary>A run opened a new exception.</summary>
    public const string Opened = "opened";

    /// <summary>A run opened a new exception for a fingerprint that was resolved before (linked to it).</summary>
    public const string Reopened = "reopened";

    /// <summary>A later run found the order reconciled.</summary>
    public const string AutoResolved = "auto_resolved";

    public const string Approved = "approved";
    public const string ReplayStarted = "replay_started";
    public const string Replayed = "replayed";
    public const string ReplayFailed = "replay_failed";
    public const string Escalated = "escalated";
    public const string SlaBreached = "sla_breached";

    /// <summary>A refused click: on the record, but the exception did not change.</summary>
    public const string Denied = "denied";

    /// <summary>Shadow automation: the system would have replayed this exception; nothing was written.</summary>
    public const string WouldReplay = "would_replay";

    /// <summary>A flow's automation switched off (by its breaker or an admin); no exception, the flow in the details.</summary>
    public const string AutomationDisabled = "automation_disabled";

    /// <summary>A flow's automation switched back on by an admin; no exception, the flow in the details.</summary>
    public const string AutomationEnabled = "automation_enabled";

    /// <summary>A replay linked to an approval started, after the exception was resolved (approved); the state does not change.</summary>
    public const string LinkedReplayStarted = "linked_replay_started";

    /// <summary>The linked replay was written and verified by reading the target back.</summary>
    public const string LinkedReplayed = "linked_replayed";

    /// <summary>The linked replay did not verify; the approval stands, the failure is on record and in the thread.</summary>
    public const string LinkedReplayFailed = "linked_replay_failed";
}
