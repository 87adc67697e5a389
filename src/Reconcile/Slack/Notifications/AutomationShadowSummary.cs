using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;
using Reconcile.Topology;

namespace Reconcile.Slack.Notifications;

/// <summary>
/// The canary's daily word: for each flow whose automation is in Shadow, what it would have replayed in the last
/// 24 hours, by rule, to the flow owner's channel — so automation can be trusted before it goes Live.
/// </summary>
public sealed class AutomationShadowSummary(ReconcileDbContext db, FlowCatalog flows, SlackOutbox outbox, TimeProvider time)
{
    /// <summary>Queues and saves one summary per Shadow-automated flow with an owner channel; returns how many.</summary>
    public async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-1);
        var queued = 0;
        foreach (var name in flows.Names.Where(f => flows.Options(f).Automation.Mode == AutomationOptions.Shadow))
        {
            if (outbox.ChannelOf(flows.Options(name).Owner) is not { } channel)
            {
                continue;
            }

            var byRule = await db.AutomationAttempts.AsNoTracking()
                .Where(a => a.Flow == name && a.Mode == AutomationAttemptStatus.ShadowMode && a.StartedAt >= since)
                .GroupBy(a => a.Rule).Select(g => new { Rule = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            outbox.QueueChannelMessage(db, channel, SlackMessage.Plain(Describe(name, byRule.ToDictionary(r => r.Rule, r => r.Count))));
            queued++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    internal static string Describe(string flow, IReadOnlyDictionary<string, int> byRule)
    {
        var total = byRule.Values.Sum();
        var rules = total == 0 ? "" : " (" + string.Join(", ", byRule.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value}"))) + ")";
        return string.Create(CultureInfo.InvariantCulture,
            $":crystal_ball: Automation shadow for *{SlackText.Escape(flow)}*, last 24 hours: it would have replayed {total} exception(s){SlackText.Escape(rules)}. ")
            + "Nothing was written to any system and owners were paged as usual. Set Automation:Mode to Live to let it act.";
    }
}
