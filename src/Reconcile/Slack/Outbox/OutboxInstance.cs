namespace Reconcile.Slack.Outbox;

/// <summary>
/// This process, as it marks the outbox rows it claims. A claim is written into the row's LastError as
/// <c>in_flight:{machine}/{process id}/{random}</c> and replaced by the outcome once Slack has answered,
/// so a row still marked after its claimer is gone is one whose outcome nobody recorded. A process that
/// starts on the same machine (a restart, or a container restarted in its pod) knows every such claim
/// there is an earlier incarnation's and takes those rows at once instead of waiting out the lease.
/// </summary>
public sealed class OutboxInstance
{
    private const string InFlight = "in_flight:";

    /// <summary>The LastError value of a row this process has claimed.</summary>
    public string Claim { get; } = $"{InFlight}{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>How every claim made on this machine begins, this process's included.</summary>
    public string MachineClaims { get; } = $"{InFlight}{Environment.MachineName}/";

}
