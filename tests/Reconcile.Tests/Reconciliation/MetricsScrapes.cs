namespace Reconcile.Tests.Reconciliation;

/// <summary>
/// Tests that read /metrics run one at a time: OpenTelemetry subscribes to meters by name across the process, so
/// two hosts alive at once would each see the other's series (one host per process, as in production, never does).
/// </summary>
[CollectionDefinition(Name)]
public sealed class MetricsScrapes
{
    public const string Name = "metrics";
}
