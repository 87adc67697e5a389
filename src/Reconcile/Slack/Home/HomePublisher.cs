using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Api;
using Reconcile.Slack.Commands;
using Reconcile.Workflow;

namespace Reconcile.Slack.Home;

/// <summary>
/// Reads one person's Home tab content and publishes it (views.publish, scope none beyond the bot token; Slack's
/// views.publish reference). Open exceptions are those of the owners the person is a member of, overdue first.
/// </summary>
public sealed class HomePublisher(ReconcileDbContext db, OwnerDirectory owners, StatusQuery status, SlackApiClient api, TimeProvider time)
{
    public async Task PublishAsync(string userId, CancellationToken cancellationToken)
    {
        var content = await ReadAsync(userId, cancellationToken);
        await api.PublishViewAsync(userId, AppHomeView.Build(content), cancellationToken);
    }

    public async Task<HomeContent> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var weekAgo = now - StatusQuery.Week;
        var teams = await owners.OwnersOfAsync(userId, cancellationToken);
        var resolved = ExceptionState.Resolved;
        var open = await db.Exceptions.AsNoTracking()
            .Where(e => e.State != resolved && teams.Contains(e.Owner))
            .OrderBy(e => e.SlaDueAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var weeks = new List<OwnerWeek>();
        foreach (var team in teams)
        {
            var mine = open.Where(e => e.Owner == team).ToList();
            var opened = await db.Exceptions.CountAsync(e => e.Owner == team && e.CreatedAt >= weekAgo, cancellationToken);
            var closed = await db.Exceptions.CountAsync(e => e.Owner == team && e.State == resolved && e.ResolvedAt >= weekAgo, cancellationToken);
            weeks.Add(new OwnerWeek(team, mine.Count, mine.Count(e => e.SlaDueAt < now), opened, closed, mine.Sum(e => e.ValueAtRisk)));
        }

        var flows = owners.IsAdmin(userId) ? await status.ReadAsync(cancellationToken) : null;
        return new HomeContent(userId, teams, [.. open.Take(AppHomeView.MaxExceptions)], open.Count, weeks, flows, now);
    }
}
