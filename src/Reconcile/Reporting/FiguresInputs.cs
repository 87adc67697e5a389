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
    /// <summary>Automatic decisions (Live attempts and Shadow "would replay") started in the period.</summary>
    public IReadOnlyList<AutomationAttemptEntity> Attempts { get; init; } = [];

    /// <summary>Exceptions a person acted on (any audit event by an actor that is not <c>system:*</c>, refusals aside).</summary>
    public IReadOnlySet<long> TouchedByPeople { get; init; } = new HashSet<long>();

    public FiguresInputs Where(string flow) => new(
        [.. Runs.Where(r => r.Flow == flow)],
        [.. Exceptions.Where(e => e.Flow == flow)],
        [.. Touches.Where(t => t.Flow == flow)],
        Lags,
        Unconfirmed)
    {
        Attempts = [.. Attempts.Where(a => a.Flow == flow)],
        TouchedByPeople = TouchedByPeople,
    };
}
