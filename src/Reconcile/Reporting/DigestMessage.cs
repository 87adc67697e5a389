using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Blocks;

namespace Reconcile.Reporting;

/// <summary>The Monday digest as Block Kit: a post and, past 50 blocks, replies in its thread.</summary>
public static class DigestMessage
{
    public static IReadOnlyList<SlackMessage> Build(DigestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = report.ThisWeek.Overall;
        var days = $"{report.WeekStart:yyyy-MM-dd} to {report.WeekStart.AddDays(6):yyyy-MM-dd}";
        var summary = new List<JsonObject>
        {
            BlockKit.Header($"Reconcile weekly digest · {days}"),
            BlockKit.Section("*This week against last week*\n" + string.Join('\n', DigestComparison.Lines(now, report.LastWeek.Overall))),
        };
        var flows = report.ThisWeek.Flows.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"• *{SlackText.Escape(f.Flow)}*: {Matched(f)}, {f.OrdersPending} pending, {f.ExceptionsRaised} raised, {f.OpenExceptions} open ({SlackText.Money(f.ValueAtRisk)} at risk), {f.Overdue} overdue, ")
            + AutomationFiguresLine.Describe(f)).ToList();
        if (flows.Count > 0)
        {
            summary.Add(BlockKit.Section("*By flow*\n" + string.Join('\n', flows)));
        }

        if (report.ThisWeek.DrillDowns.GetValueOrDefault("campaign") is { Count: > 0 } campaigns)
        {
            summary.Add(BlockKit.Context(["*By campaign:*", .. campaigns.Take(5).Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{SlackText.Escape(c.Key)}: {c.Exceptions} exceptions, {SlackText.Money(c.ValueAtRisk)}"))]));
        }

        summary.Add(BlockKit.Context(["The chart of daily match rate and exceptions over the last four weeks is in the thread."]));
        var parts = new List<IReadOnlyList<JsonObject>>
        {
            summary,
            List($"Exceptions older than SLA ({report.OverdueCount})", report.OverdueCount, report.Overdue.Select(e => string.Create(CultureInfo.InvariantCulture,
                $"*{SlackText.Escape(e.OrderId)}* · {e.Type} in {SlackText.Escape(e.System)} · {SlackText.Escape(e.Flow)} · owner {SlackText.Escape(e.Owner)} · due {SlackText.Date(e.SlaDueAt)} · {SlackText.Money(e.ValueAtRisk)} at risk"))),
            List($"Manual corrections ({report.Corrections.Count})", report.Corrections.Count, report.Corrections.Select(Correction)),
            List($"Recurring exceptions ({report.Recurring.Count})", report.Recurring.Count, report.Recurring.Select(e => string.Create(CultureInfo.InvariantCulture,
                $"*{SlackText.Escape(e.OrderId)}* · {e.Type} in {SlackText.Escape(e.System)} · {SlackText.Escape(e.Flow)} · again after #{e.PreviousExceptionId} · now {e.State.ToWireName()}"))),
            List($"Top {report.TopOrders.Count} orders of the week by value", report.TopOrders.Count, report.TopOrders.Select(Order)),
        };
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Reconcile weekly digest, {days}: {Matched(now)}, {now.OrdersPending} pending, {now.ExceptionsRaised} exceptions raised, {report.OverdueCount} older than SLA.");
        return MessageSplitter.Split(text, parts);
    }

    private static string Correction(ManualTouch c)
    {
        var reason = string.IsNullOrWhiteSpace(c.Reason) ? "" : $" — _{SlackText.Escape(c.Reason)}_";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Person(c.Actor)} {c.Action} order *{SlackText.Escape(c.OrderId)}* ({c.Type}, {SlackText.Escape(c.Flow)}) {c.HandlingTime.TotalHours:0.0} h after it was raised{reason}");
    }

    private static string Order(TopOrder o)
    {
        var states = string.Join(" · ", o.States.Select(s => $"{SlackText.Escape(s.Key)}: {SlackText.Escape(s.Value)}"));
        var open = o.OpenExceptions.Count == 0 ? "" : " · open: " + SlackText.Escape(string.Join(", ", o.OpenExceptions));
        return $"*{SlackText.Escape(o.OrderId)}* {SlackText.Money(o.Total)} {SlackText.Escape(o.Currency)} — {states}{open}";
    }

    private static List<JsonObject> List(string title, int total, IEnumerable<string> items)
    {
        var blocks = new List<JsonObject> { BlockKit.Section($"*{title}*" + (total == 0 ? "\nNone." : "")) };
        blocks.AddRange(items.Take(DigestQuery.ListLimit).Select(item => BlockKit.Section(item)));
        if (total > DigestQuery.ListLimit)
        {
            blocks.Add(BlockKit.Context([string.Create(CultureInfo.InvariantCulture, $"…and {total - DigestQuery.ListLimit} more.")]));
        }

        return blocks;
    }

    /// <summary>Slack user ids render as mentions; anything else (an API client, a system actor) as text.</summary>
    private static string Person(string actor) =>
        actor.Length > 1 && actor[0] is 'U' or 'W' && actor.All(char.IsAsciiLetterOrDigit) ? $"<@{actor}>" : SlackText.Escape(actor);

    /// <summary>"96.0% matched (48 of 50 compared)", or "no order compared" rather than a rate nobody measured.</summary>
    private static string Matched(FlowFigures f) => f.MatchRate is null
        ? "no order compared"
        : string.Create(CultureInfo.InvariantCulture, $"{Percent(f.MatchRate)} matched ({f.OrdersMatched} of {f.OrdersExamined} compared)");

    private static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
}
