using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Reconcile.Reporting;
using Reconcile.Slack.Commands;

namespace Reconcile.Slack.Blocks;

/// <summary>The /recon status answer: one section per flow, its last 7 days' figures, and the top drill-down rows.</summary>
public static class StatusMessage
{
    public const int TopRows = 3;

    public static SlackMessage Build(IReadOnlyList<FlowStatus> flows, Figures? week, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var blocks = new JsonArray { BlockKit.Header("Reconcile status") };
        foreach (var flow in flows.Take(SlackText.MaxBlocks - 4))
        {
            var figures = week?.Flows.FirstOrDefault(f => f.Flow == flow.Flow);
            blocks.Add(BlockKit.Section(Describe(flow) + (figures is null ? "" : "\n" + DescribeWeek(figures))));
        }

        if (week is not null && week.DrillDowns.Count > 0)
        {
            blocks.Add(BlockKit.Section(DrillDowns(week)));
        }

        if (flows.Count == 0)
        {
            blocks.Add(BlockKit.Section("No flows are configured."));
        }

        blocks.Add(BlockKit.Context([$"As of {SlackText.Date(now)}"]));
        var open = flows.Sum(f => f.Open.Sum(o => o.Open));
        var overdue = flows.Sum(f => f.Open.Sum(o => o.Overdue));
        var text = string.Create(CultureInfo.InvariantCulture, $"Reconcile status: {flows.Count} flows, {open} open exceptions, {overdue} overdue.");
        return new SlackMessage(text, blocks);
    }

    public static string Percent(double? rate) =>
        rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string DescribeWeek(FlowFigures f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var perThousand = f.OrdersExamined == 0 ? "n/a" : (f.ExceptionsRaised * 1000.0 / f.OrdersExamined).ToString("0.0", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"_7 days:_ {f.ExceptionsRaised} raised ({perThousand} per 1,000 orders) · resolution mean {Hours(f.MeanTimeToResolutionHours)}, median {Hours(f.MedianTimeToResolutionHours)} · ") +
            string.Create(CultureInfo.InvariantCulture,
            $"lag p50 {Hours(f.LagP50Hours)} / p95 {Hours(f.LagP95Hours)} · {f.ManualTouches} manual touches (mean {Hours(f.MeanHandlingHours)}) · ") +
            string.Create(CultureInfo.InvariantCulture, $"{SlackText.Money(f.ValueAtRisk)} at risk · {f.Recurring} recurring · ") +
            AutomationFiguresLine.Describe(f);
    }

    private static string DrillDowns(Figures week)
    {
        var text = new StringBuilder("*Top drill-downs, last 7 days* (exceptions · value at risk)");
        foreach (var (by, rows) in week.DrillDowns)
        {
            var top = rows.Take(TopRows).Select(r => string.Create(CultureInfo.InvariantCulture, $"{SlackText.Escape(r.Key)} {r.Exceptions} · {SlackText.Money(r.ValueAtRisk)}"));
            text.Append(CultureInfo.InvariantCulture, $"\n• _{by}:_ {(rows.Count == 0 ? "none" : string.Join(", ", top))}");
        }

        return text.ToString();
    }

    /// <summary>"match rate 96.0% (48/50 compared)", or, when nothing was compared, says so instead of a rate.</summary>
    private static string Compared(int matched, int examined) => examined == 0
        ? "no order compared"
        : string.Create(CultureInfo.InvariantCulture, $"match rate {Percent(FlowStatus.Rate(matched, examined))} ({matched}/{examined} compared)");

    private static string Hours(double? hours) => hours is { } h ? h.ToString("0.0", CultureInfo.InvariantCulture) + " h" : "n/a";

    private static string Describe(FlowStatus flow)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{SlackText.Escape(flow.Flow)}* ({SlackText.Escape(flow.Mode)})\n");
        text.Append(flow.LastRunAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"Last run: {SlackText.Date(at)} · {flow.LastRunStatus} · {Compared(flow.LastMatched, flow.LastExamined)} · {flow.LastPending} pending (inside the lag window)\n")
            : "Last run: never\n");
        text.Append(CultureInfo.InvariantCulture, $"Last 7 days: {(flow.WeekExamined == 0 ? "no order compared" : Percent(FlowStatus.Rate(flow.WeekMatched, flow.WeekExamined)))} over {flow.WeekRuns} runs ({flow.WeekMatched}/{flow.WeekExamined})\n");
        foreach (var failed in flow.FailedPulls)
        {
            // The reason may carry the system's answer (up to 500 characters): cut, so the section stays within Slack's limit.
            var shown = failed.Length <= 300 ? failed : string.Concat(failed.AsSpan(0, 300), "…");
            text.Append(CultureInfo.InvariantCulture, $":warning: Pull failing — {SlackText.Escape(shown)}\n");
        }

        var open = flow.Open.Sum(o => o.Open);
        var overdue = flow.Open.Sum(o => o.Overdue);
        text.Append(CultureInfo.InvariantCulture, $"Open: {open} · overdue: {overdue}");
        foreach (var count in flow.Open.Take(30))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n• {SlackText.Escape(count.Owner)} / {SlackText.Escape(count.Type)}: {count.Open} open, {count.Overdue} overdue");
        }

        return text.ToString();
    }
}
