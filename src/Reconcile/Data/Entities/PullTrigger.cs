namespace Reconcile.Data.Entities;

/// <summary>What started a pull: its schedule, the HTTP API or the <c>pull</c> verb.</summary>
public static class PullTrigger
{
    public const string Scheduled = "scheduled";
    public const string Api = "api";
    public const string Cli = "cli";
}
