namespace Reconcile.Reconciliation;

public static class CircuitBreaker
{
    /// <summary>Below this many examined orders a high exception rate is noise, not an outage.</summary>
    public const int MinimumOrders = 20;
}
