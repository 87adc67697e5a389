using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Blocks;
using Reconcile.Workflow;

namespace Reconcile.Slack.Commands;

/// <summary><c>/recon mine</c>: the unresolved exceptions whose current owner you are a member of, most urgent first.</summary>
public sealed class MineCommand(ReconcileDbContext db, OwnerDirectory owners, TimeProvider time) : IReconSubCommand
{
    private const int MaxListed = 20;

    public string Name => "mine";
    public string Usage => "mine";
    public string Help => "Your open exceptions: those owned by a team you are a member of, most urgent first.";

    public async Task<SlackMessage> RunAsync(ReconCommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var teams = await owners.OwnersOfAsync(context.Command.UserId, cancellationToken);
        if (teams.Count == 0)
        {
            return SlackMessage.Plain($"You are not a member of any owner ({string.Join(", ", owners.Names)}), so no exceptions are yours.");
        }

        var resolved = ExceptionState.Resolved;
        var rows = await db.Exceptions.AsNoTracking()
            .Where(e => e.State != resolved && teams.Contains(e.Owner))
            .OrderBy(e => e.SlaDueAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var overdue = rows.Count(e => e.SlaDueAt < now);
        var summary = string.Create(CultureInfo.InvariantCulture, $"{rows.Count} open exception(s) for {string.Join(", ", teams)}, {overdue} overdue");
        if (rows.Count == 0)
        {
            return SlackMessage.Plain($"Nothing open for {string.Join(", ", teams)}. :tada:");
        }

        var lines = rows.Take(MaxListed).Select(e => string.Create(CultureInfo.InvariantCulture,
            $"• #{e.Id} {ExceptionMessage.TypeLabel(e.Type)} · order {SlackText.Escape(e.OrderId)} in {SlackText.Escape(e.System)} · {e.State.ToWireName()} · {SlackText.Escape(e.Owner)} · due {SlackText.Date(e.SlaDueAt)}{(e.SlaDueAt < now ? " :warning: overdue" : "")}"));
        var more = rows.Count > MaxListed ? string.Create(CultureInfo.InvariantCulture, $"\n…and {rows.Count - MaxListed} more.") : "";
        var text = $"*Your open exceptions* — {summary}\n{string.Join('\n', lines)}{more}";
        return new SlackMessage(summary, new JsonArray { BlockKit.Section(text) });
    }
}
