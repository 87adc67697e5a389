using System.ComponentModel.DataAnnotations;

namespace Reconcile.Workflow;

/// <summary>Tuning of approve / replay / escalate and the SLA sweep ("Workflow" section; every key optional).</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>The Approve modal's reason and corrective action must each be at least this long.</summary>
    [Range(1, 500)]
    public int MinReasonLength { get; set; } = 10;

    /// <summary>How long a user group's members (usergroups.users.list) are trusted.</summary>
    public TimeSpan UserGroupCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A membership lookup may not eat Slack's 3 seconds.</summary>
    public TimeSpan UserGroupLookupTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>The system whose owner (finance) hears about overdue orders that affect billing.</summary>
    public string BillingSystem { get; set; } = "billing";

    /// <summary>Retries of one replay write after the first attempt.</summary>
    [Range(0, 10)]
    public int ReplayRetries { get; set; } = 3;

    /// <summary>First back-off delay of a replay retry; doubles per attempt, with jitter.</summary>
    public TimeSpan ReplayRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one attempt against a target system.</summary>
    public TimeSpan ReplayAttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The per-system circuit breaker opens when half the calls fail among at least this many.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 8;

    public TimeSpan BreakerDuration { get; set; } = TimeSpan.FromSeconds(60);
}
