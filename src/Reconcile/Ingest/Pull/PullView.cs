using Reconcile.Data.Entities;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// A pull as the HTTP API names it (README, "Pulling from a system"): <c>status</c> <c>running</c> / <c>completed</c> /
/// <c>failed</c>, <c>pages</c> read, <c>records</c> stored / unchanged / quarantined, <c>errors</c> (empty unless failed)
/// and the system's watermark before and after (UTC; null before the first complete pull).
/// </summary>
public sealed record PullView(
    long Id,
    string System,
    string Trigger,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int Pages,
    PullRecords Records,
    IReadOnlyList<string> Errors,
    DateTimeOffset? WatermarkBefore,
    DateTimeOffset? WatermarkAfter)
{
    public static PullView From(PullEntity pull)
    {
        ArgumentNullException.ThrowIfNull(pull);
        return new PullView(
            pull.Id, pull.System, pull.Trigger, pull.Status, pull.StartedAt, pull.FinishedAt, pull.Pages,
            new PullRecords(pull.RecordsStored, pull.RecordsUnchanged, pull.RecordsQuarantined),
            pull.Errors is null ? [] : pull.Errors.Split('\n'),
            pull.WatermarkBefore, pull.WatermarkAfter);
    }
}
