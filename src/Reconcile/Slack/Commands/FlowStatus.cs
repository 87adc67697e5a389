namespace Reconcile.Slack.Commands;

/// <summary>The figures /recon status shows for one flow.</summary>
public sealed record FlowStatus(
    string Flow,
    string Mode,
    DateTimeOffset? LastRunAt,
    string? LastRunStatus,
    int LastExamined,
    int LastMatched,
    int LastPending,
    int WeekExamined,
    int WeekMatched,
    int WeekRuns,
    IReadOnlyList<OpenExceptionCount> Open)
{
    /// <summary>Each of the flow's systems whose latest pull failed, described with the reason ("billing: pull 12 failed at …").</summary>
    public IReadOnlyList<string> FailedPulls { get; init; } = [];

    /// <summary>Matched ÷ compared; null when nothing was compared (shown as such, never as 100%).</summary>
    public static double? Rate(int matched, int examined) => examined == 0 ? null : (double)matched / examined;
}
