namespace Reconcile.Data.Entities;

/// <summary>The modes and states of <see cref="AutomationAttemptEntity"/>, as stored.</summary>
public static class AutomationAttemptStatus
{
    public const string LiveMode = "live";
    public const string ShadowMode = "shadow";

    /// <summary>Claimed and replaying; a restart leaves it here until the replay is resumed and finishes.</summary>
    public const string Replaying = "replaying";

    public const string Verified = "verified";
    public const string Failed = "failed";

    /// <summary>Shadow: recorded, nothing written.</summary>
    public const string WouldReplay = "would_replay";
}
