using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;
using Reconcile.Topology;

namespace Reconcile.Slack.Notifications;

/// <summary>
/// A Shadow flow pages nobody; once a day its owner gets one summary of what it would have raised,
/// so the flow can be trusted before it goes Live.
/// </summary>
public sealed class ShadowSummary(ReconcileDbContext db, FlowCatalog flows, SlackOutbox outbox, TimeProvider time)
{
    public async Task<int> QueueAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow().AddDays(-1);
        var queued = 0;
        foreach (var name in flows.Names.Where(f => flows.Options(f).Mode == FlowOptions.Shadow))
        {
            if (outbox.ChannelOf(flows.Options(name).Owner) is not { } channel)
            {
                continue;
            }

            var runs = await db.Runs.AsNoTracking().Where(r => r.Flow == name && r.Status == RunStatus.Completed && r.StartedAt >= since).ToListAsync(cancellationToken);
            var open = await db.Exceptions.AsNoTracking().Where(e => e.Flow == name && e.State != ExceptionState.Resolved)
                .GroupBy(e => e.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            outbox.QueueChannelMessage(db, channel, SlackMessage.Plain(Describe(name, runs, open.ToDictionary(o => o.Type, o => o.Count))));
            queued++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return queued;
    }

    internal static string Describe(string flow, IReadOnlyList<RunEntity> runs, IReadOnlyDictionary<string, int> openByType)
    {
        var examined = runs.Sum(r => r.OrdersExamined);
        var matched = runs.Sum(r => r.OrdersMatched);
        var found = runs.SelectMany(r => JsonSerializer.Deserialize<Dictionary<string, int>>(r.FindingsByType) ?? [])
            .GroupBy(p => p.Key).Select(g => $"{g.Key} {g.Sum(p => p.Value)}");
        var open = openByType.Count == 0 ? "none" : string.Join(", ", openByType.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));
        return string.Create(CultureInfo.InvariantCulture,
            $":ghost: Shadow flow *{flow}*, last 24 hours: {runs.Count} run(s), {examined:N0} orders compared, match rate {(examined == 0 ? "n/a (nothing compared)" : ((double)matched / examined).ToString("P1", CultureInfo.InvariantCulture))}, {runs.MaxBy(r => r.Id)?.OrdersPending ?? 0:N0} pending at the last run. "
            + $"Findings: {(found.Any() ? string.Join(", ", found) : "none")}. Would-be open exceptions: {open}. Nobody was paged; set Mode to Live to post them.");
    }
}
