using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Data.Entities;
using Reconcile.Slack.Interactions;

namespace Reconcile.Slack.Blocks;

/// <summary>
/// Flood control: one message that sums up many new exceptions for one channel; the individual
/// messages follow in its thread. Groups of one identical cause (same flow, type, system and attribute)
/// get an "Approve all" button: one reason for the group, one audited decision per exception.
/// </summary>
public static class RunSummaryMessage
{
    public const int TopCount = 10;
    public const int MaxGroupButtons = 5;

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
        };
        foreach (var block in Groups(exceptions))
        {
            blocks.Add(block);
        }

        blocks.Add(BlockKit.Context(["Each exception follows in this thread, with its buttons."]));
        return new SlackMessage($"{title}: each follows in this thread.", blocks);
    }

    /// <summary>The largest groups of one identical cause (two or more exceptions), each with its bulk Approve button.</summary>
    private static IEnumerable<JsonObject> Groups(IEnumerable<ExceptionEntity> exceptions) =>
        exceptions
            .GroupBy(e => (e.Flow, e.Type, e.System, Attribute: e.Attribute ?? ""))
            .Where(g => g.Count() > 1)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(e => e.Id))
            .Take(MaxGroupButtons)
            .Select(g =>
            {
                var count = g.Count().ToString(CultureInfo.InvariantCulture);
                var what = g.Key.Attribute.Length == 0 ? "" : $" of `{SlackText.Escape(g.Key.Attribute)}`";
                var section = BlockKit.Section($"*{count}× {SlackText.Escape(ExceptionMessage.TypeLabel(g.Key.Type))}*{what} in *{SlackText.Escape(g.Key.System)}* ({SlackText.Escape(g.Key.Flow)}) · {SlackText.Money(g.Sum(e => e.ValueAtRisk))} at risk");
                if (BulkApproval.TryEncode(g.Select(e => e.Id).Order()) is { } value)
                {
                    section["accessory"] = BlockKit.Button($"Approve all {count}…", BulkApproval.ActionId, value, confirm: BlockKit.Confirm(
                        "Approve the whole group?", $"You will give one reason for all {count}; each exception is approved and audited on its own.", "Continue"));
                }

                return section;
            });

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
