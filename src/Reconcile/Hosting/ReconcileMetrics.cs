using System.Diagnostics.Metrics;

namespace Reconcile.Hosting;

/// <summary>
/// Reconcile's event counters, on the meter <see cref="MeterName"/> of each host (from <see cref="IMeterFactory"/>),
/// exported through OpenTelemetry: Prometheus at <c>/metrics</c> (a counter gains <c>_total</c>, a histogram in
/// seconds <c>_seconds</c>) and OTLP when configured. Live state (open exceptions, outbox depth) is in Reporting.LiveMetrics.
/// </summary>
public sealed class ReconcileMetrics
{
    public const string MeterName = "Reconcile";

    public ReconcileMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        RecordsReceived = Meter.CreateCounter<long>("reconcile_records_received", description: "Records received, by system, path (api, webhook, pull) and outcome (accepted, quarantined).");
        Runs = Meter.CreateCounter<long>("reconcile_runs", description: "Runs finished, by flow and status (completed, failed).");
        Findings = Meter.CreateCounter<long>("reconcile_findings", description: "Findings raised by completed runs, by flow and type.");
        SlackRateLimited = Meter.CreateCounter<long>("reconcile_slack_rate_limited", description: "Slack Web API calls answered 429 (rate limited) and retried after Retry-After.");
        // Present from the start at 0, so an alert on its rate has a series before the first 429.
        SlackRateLimited.Add(0);
        Pulls = Meter.CreateCounter<long>("reconcile_pulls", description: "Pulls from a system finished, by system and status (completed, failed).");
    }

    public Meter Meter { get; }

    public Counter<long> RecordsReceived { get; }

    public Counter<long> Runs { get; }

    public Counter<long> Findings { get; }

    public Counter<long> SlackRateLimited { get; }

    public Counter<long> Pulls { get; }

    /// <summary>Counts one ingest's accepted and quarantined records for <paramref name="system"/> arriving by <paramref name="path"/>.</summary>
    public void Received(string system, string path, int accepted, int quarantined)
    {
        RecordsReceived.Add(accepted, new("system", system), new("path", path), new("outcome", "accepted"));
        if (quarantined > 0)
        {
            RecordsReceived.Add(quarantined, new("system", system), new("path", path), new("outcome", "quarantined"));
        }
    }
}
