using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Data.Entities;

namespace Reconcile.Slack.Blocks;

/// <summary>
/// Flood control: one message that sums up many new exceptions for one channel; the individual
/// messages follow in its thread.
/// </summary>
public static class RunSummaryMessage
{
    public const int TopCount = 10;

    public static SlackMessage Build(string ownerName, IReadOnlyCollection<ExceptionEntity> exceptions)
    {
        ArgumentNullException.ThrowIfNull(exceptions);
        var count = exceptions.Count.ToString(CultureInfo.InvariantCulture);
        var title = $"{count} new exceptions for {ownerName}";
        var blocks = new JsonArray
        {
            BlockKit.Header(title),
            BlockKit.Section("*By type*\n" + Counts(exceptions.GroupBy(e => e.Type))),
            BlockKit.Section("*By system*\n" + Counts(exceptions.GroupBy(e => e.System))),
            BlockKit.Section($"*Top {TopCount} by value at risk*\n" + Top(exceptions)),
            BlockKit.Context(["Each exception follows in this thread, with its buttons."]),
        };
        return new SlackMessage($"{title}: each follows in this thread.", blocks);
    }

    private static string Counts(IEnumerable<IGrouping<string, ExceptionEntity>> groups) =>
        string.Join('\n', groups
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"• {SlackText.Escape(g.Key)}: {g.Count()}")));

    private static string Top(IEnumerable<ExceptionEntity> exceptions) =>
        string.Join('\n', exceptions
            .OrderByDescending(e => e.ValueAtRisk).ThenBy(e => e.Id)
            .Take(TopCount)
            .Select(e => $"• order {SlackText.Escape(e.OrderId)} · {SlackText.Escape(e.Type)} in {SlackText.Escape(e.System)} · {SlackText.Money(e.ValueAtRisk)}"));
}
