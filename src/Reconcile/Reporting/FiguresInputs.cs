using Reconcile.Data.Entities;

namespace Reconcile.Reporting;

/// <summary>The rows one flow's (or every flow's) figures are computed from, already narrowed to the period.</summary>
internal sealed record FiguresInputs(
    IReadOnlyList<RunEntity> Runs,
    IReadOnlyList<ExceptionEntity> Exceptions,
    IReadOnlyList<ManualTouch> Touches,
    IReadOnlyList<TimeSpan> Lags,
    int Unconfirmed)
{
    public FiguresInputs Where(string flow) => new(
        [.. Runs.Where(r => r.Flow == flow)],
        [.. Exceptions.Where(e => e.Flow == flow)],
        [.. Touches.Where(t => t.Flow == flow)],
        Lags,
        Unconfirmed);
}
