using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Data.Entities;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Commands;
using Reconcile.Slack.Interactions;

namespace Reconcile.Slack.Home;

/// <summary>
/// The App Home tab (a <c>home</c> view for views.publish): the viewer's open exceptions, overdue first, each with
/// the same Approve / Replay / Escalate buttons as its channel message (same action_ids and versioned block_id, so
/// a click here is the same decision); their owners' figures for the week; and for admins each flow's last run
/// and mode. At most 100 blocks (Slack's Block Kit limit for Home tabs), so long lists are cut with a count.
/// </summary>
public static class AppHomeView
{
    public const int MaxExceptions = 20;

    public static JsonObject Build(HomeContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blocks = new JsonArray { BlockKit.Header("Reconcile") };
        if (content.Teams.Count == 0)
        {
            blocks.Add(BlockKit.Section("You are not a member of any owner, so no exceptions are yours. `/recon status` shows every flow."));
        }
        else
        {
            var overdue = content.Open.Count(e => e.SlaDueAt < content.Now);
            blocks.Add(BlockKit.Section(string.Create(CultureInfo.InvariantCulture,
                $"*Your open exceptions* ({string.Join(", ", content.Teams.Select(SlackText.Escape))}): {content.OpenTotal} open, {overdue} of those shown overdue")));
            if (content.OpenTotal == 0)
            {
                blocks.Add(BlockKit.Context(["Nothing open. :tada:"]));
            }

            foreach (var exception in content.Open.Take(MaxExceptions))
            {
                blocks.Add(BlockKit.Section(Line(exception, content.Now)));
                blocks.Add(ExceptionMessage.Actions(exception, string.Create(CultureInfo.InvariantCulture, $"recon-{exception.Id}-v{exception.Version}-actions")));
            }

            if (content.OpenTotal > MaxExceptions)
            {
                blocks.Add(BlockKit.Context([string.Create(CultureInfo.InvariantCulture, $"…and {content.OpenTotal - MaxExceptions} more: `/recon mine` lists them.")]));
            }

            blocks.Add(new JsonObject { ["type"] = "divider" });
            blocks.Add(BlockKit.Section("*Your owners this week* (last 7 days)\n" + string.Join('\n', content.Weeks.Select(Week))));
        }

        if (content.Flows is { } flows)
        {
            blocks.Add(new JsonObject { ["type"] = "divider" });
            blocks.Add(BlockKit.Section("*Flows* (admins)\n" + (flows.Count == 0 ? "No flows configured." : string.Join('\n', flows.Select(Flow)))));
        }

        blocks.Add(BlockKit.Context([$"Updated {SlackText.Date(content.Now)}"]));
        return new JsonObject { ["type"] = "home", ["blocks"] = blocks };
    }

    private static string Line(ExceptionEntity e, DateTimeOffset now)
    {
        var due = e.SlaDueAt < now ? $":warning: *overdue* since {SlackText.Date(e.SlaDueAt)}" : $"due {SlackText.Date(e.SlaDueAt)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"*{SlackText.Escape(ExceptionMessage.Title(e))}* · {SlackText.Escape(e.System)} · {SlackText.Money(e.ValueAtRisk)} at risk · {due}\n{ExceptionMessage.Difference(e).Replace("\n", " ", StringComparison.Ordinal)}");
    }

    private static string Week(OwnerWeek w) => string.Create(CultureInfo.InvariantCulture,
        $"• *{SlackText.Escape(w.Owner)}*: {w.OpenNow} open ({w.Overdue} overdue), {w.OpenedThisWeek} opened, {w.ResolvedThisWeek} resolved · {SlackText.Money(w.ValueAtRisk)} at risk");

    private static string Flow(FlowStatus f)
    {
        var last = f.LastRunAt is { } at ? $"last run {SlackText.Date(at)} ({SlackText.Escape(f.LastRunStatus)})" : "never run";
        var rate = FlowStatus.Rate(f.LastMatched, f.LastExamined) is { } r ? string.Create(CultureInfo.InvariantCulture, $", {r:P1} matched of {f.LastExamined}") : "";
        return $"• *{SlackText.Escape(f.Flow)}* · {SlackText.Escape(f.Mode)} · {last}{rate}";
    }
}
