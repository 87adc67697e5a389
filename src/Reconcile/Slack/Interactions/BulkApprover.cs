using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Lifecycle;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Outbox;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// Approves a group of exceptions one by one through <see cref="ExceptionDecision"/> — each checked, authorized,
/// transitioned and audited on its own with the shared reason — then sends the person one private summary
/// (approved, already decided, not theirs). Runs in the background, in a scope of its own per exception.
/// </summary>
public sealed class BulkApprover(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<BulkApprover> logger)
{
    public void Start(string userId, IReadOnlyList<long> ids, string reason, string corrective) =>
        _ = Task.Run(() => RunAsync(userId, ids, reason, corrective, lifetime.ApplicationStopping), CancellationToken.None);

    /// <summary>Returns (approved, skipped because already decided, skipped because not the person's).</summary>
    public async Task<(int Approved, int Decided, int NotYours)> RunAsync(string userId, IReadOnlyList<long> ids, string reason, string corrective, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        int approved = 0, decided = 0, notYours = 0;
        try
        {
            foreach (var id in ids)
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                var db = services.GetRequiredService<ReconcileDbContext>();
                var exception = await db.Exceptions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
                if (exception is null || !ExceptionTransitions.Allows(exception.State, WorkflowAction.Approve))
                {
                    decided++;
                    continue;
                }

                // Checked here so one refusal per exception does not flood the person; the decision checks again.
                if (await services.GetRequiredService<OwnerDirectory>().AuthorizeAsync(exception, WorkflowAction.Approve, userId, lookUp: true, cancellationToken) != Authorization.Allowed)
                {
                    notYours++;
                    continue;
                }

                var transitions = services.GetRequiredService<ExceptionTransitions>();
                var saved = await services.GetRequiredService<ExceptionDecision>().DecideAsync(id, WorkflowAction.Approve, new ReplyTo(userId, null, null), seenVersion: null,
                    (context, row) =>
                    {
                        transitions.Approve(context, row, userId, reason, corrective);
                        return null;
                    },
                    cancellationToken);
                if (saved is null)
                {
                    decided++;
                }
                else
                {
                    approved++;
                }
            }
        }
        finally
        {
            await TellAsync(userId, ids.Count, approved, decided, notYours);
        }

        return (approved, decided, notYours);
    }

    private async Task TellAsync(string userId, int total, int approved, int decided, int notYours)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"Approved {approved} of {total} exceptions with your reason; each is on the audit trail.");
        if (decided > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" {decided} had already been decided and were left alone.");
        }

        if (notYours > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" {notYours} belong to an owner you are not a member of and were left alone.");
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            scope.ServiceProvider.GetRequiredService<SlackOutbox>().QueuePost(db, userId, SlackMessage.Plain(text));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException ex)
        {
            logger.LogError(ex, "Could not tell {SlackUser} the outcome of a bulk approval: {Outcome}", userId, text);
        }
    }
}
