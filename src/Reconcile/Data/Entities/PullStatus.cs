namespace Reconcile.Data.Entities;

/// <summary>A pull's status names, as stored and as the HTTP API shows them.</summary>
public static class PullStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
