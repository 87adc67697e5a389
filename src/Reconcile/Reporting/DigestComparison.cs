using System.Globalization;
using Reconcile.Slack.Blocks;

namespace Reconcile.Reporting;

/// <summary>"This week against last week" lines: the value, an arrow for the direction, and last week's value.</summary>
public static class DigestComparison
{
    public const string Up = "▲";
    public const string Down = "▼";
    public const string Same = "=";

    public static IReadOnlyList<string> Lines(FlowFigures now, FlowFigures before)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(before);
        return
        [
            Line("Match rate", now.MatchRate * 100, before.MatchRate * 100, v => v.ToString("0.0", CultureInfo.InvariantCulture) + "%"),
            Line("Orders compared", now.OrdersExamined, before.OrdersExamined, Count),
            Line("Orders pending (inside the lag window at the last run)", now.OrdersPending, before.OrdersPending, Count),
            Line("Exceptions raised", now.ExceptionsRaised, before.ExceptionsRaised, Count),
            Line("Exceptions per 1,000 orders", PerThousand(now), PerThousand(before), v => v.ToString("0.0", CultureInfo.InvariantCulture)),
            Line("Mean time to resolution", now.MeanTimeToResolutionHours, before.MeanTimeToResolutionHours, Hours),
            Line("Reconciliation lag p50 / p95", now.LagP50Hours, before.LagP50Hours, Hours) + " · p95 " + Text(now.LagP95Hours, Hours),
            Line("Manual touches", now.ManualTouches, before.ManualTouches, Count),
            Line("Mean handling time", now.MeanHandlingHours, before.MeanHandlingHours, Hours),
            Line("Open value at risk", (double)now.ValueAtRisk, (double)before.ValueAtRisk, v => SlackText.Money((decimal)v)),
            Line("Overdue", now.Overdue, before.Overdue, Count),
            Line("Recurring", now.Recurring, before.Recurring, Count),
            Line("Automation rate (resolved with no human touch)", now.AutomationRate * 100, before.AutomationRate * 100, v => v.ToString("0.0", CultureInfo.InvariantCulture) + "%"),
            Line("Automatic replays verified", now.AutomaticReplaysVerified, before.AutomaticReplaysVerified, Count)
                + string.Create(CultureInfo.InvariantCulture, $" · {now.AutomaticReplaysAttempted} attempted, {now.AutomaticReplaysFailed} failed, {now.WouldReplay} would replay (Shadow)"),
        ];
    }

    public static string Arrow(double? now, double? before) => (now, before) switch
    {
        ({ } a, { } b) when Math.Abs(a - b) < 1e-9 => Same,
        ({ } a, { } b) => a > b ? Up : Down,
        _ => "",
    };

    private static string Line(string name, double? now, double? before, Func<double, string> format) =>
        $"*{name}:* {Text(now, format)} {Arrow(now, before)} (last week {Text(before, format)})".Replace("  ", " ", StringComparison.Ordinal);

    private static double? PerThousand(FlowFigures figures) =>
        figures.OrdersExamined == 0 ? null : figures.ExceptionsRaised * 1000.0 / figures.OrdersExamined;

    private static string Text(double? value, Func<double, string> format) => value is { } v ? format(v) : "n/a";

    private static string Count(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    private static string Hours(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " h";
}
