using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Reconcile.Slack.Commands;

namespace Reconcile.Slack.Blocks;

/// <summary>The /recon status answer: one section per flow.</summary>
public static class StatusMessage
{
    public static SlackMessage Build(IReadOnlyList<FlowStatus> flows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var blocks = new JsonArray { BlockKit.Header("Reconcile status") };
        foreach (var flow in flows.Take(SlackText.MaxBlocks - 2))
        {
            blocks.Add(BlockKit.Section(Describe(flow)));
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

    private static string Describe(FlowStatus flow)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"*{SlackText.Escape(flow.Flow)}* ({SlackText.Escape(flow.Mode)})\n");
        text.Append(flow.LastRunAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"Last run: {SlackText.Date(at)} · {flow.LastRunStatus} · match rate {Percent(FlowStatus.Rate(flow.LastMatched, flow.LastExamined))} ({flow.LastMatched}/{flow.LastExamined})\n")
            : "Last run: never\n");
        text.Append(CultureInfo.InvariantCulture, $"Last 7 days: {Percent(FlowStatus.Rate(flow.WeekMatched, flow.WeekExamined))} over {flow.WeekRuns} runs ({flow.WeekMatched}/{flow.WeekExamined})\n");
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
