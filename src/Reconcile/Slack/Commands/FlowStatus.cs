namespace Reconcile.Slack.Commands;

/// <summary>The figures /recon status shows for one flow.</summary>
public sealed record FlowStatus(
    string Flow,
    string Mode,
    DateTimeOffset? LastRunAt,
    string? LastRunStatus,
    int LastExamined,
    int LastMatched,
    int WeekExamined,
    int WeekMatched,
    int WeekRuns,
    IReadOnlyList<OpenExceptionCount> Open)
{
    public static double? Rate(int matched, int examined) => examined == 0 ? null : (double)matched / examined;
}
