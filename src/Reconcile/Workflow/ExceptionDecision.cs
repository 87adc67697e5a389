using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Lifecycle;
using Reconcile.Topology;

namespace Reconcile.Workflow;

/// <summary>
/// One person's decision on one exception, exactly once: load, check the state, authorize (a refusal
/// is audited), apply one transition and save with the row's Version as the concurrency token. Of
/// any number of simultaneous decisions one saves; the others are told who acted first. No
/// transaction is held across a network call.
/// </summary>
public sealed class ExceptionDecision(
    ReconcileDbContext db, OwnerDirectory owners, ExceptionTransitions transitions, IWorkflowNotifier replies, IOptionsMonitor<TopologyOptions> topology,
    ILogger<ExceptionDecision> logger)
{
    /// <summary>
    /// Applies the decision; <paramref name="apply"/> makes the transition or returns why not (then nothing changes).
    /// <paramref name="seenVersion"/>: the version the person clicked on; a newer one means someone acted meanwhile.
    /// Returns the saved exception, or null when refused (the person has been answered).
    /// </summary>
    public async Task<ExceptionEntity?> DecideAsync(
        long id, WorkflowAction action, ReplyTo reply, int? seenVersion, Func<ReconcileDbContext, ExceptionEntity, string?> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(apply);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ExceptionId"] = id, ["SlackUser"] = reply.UserId });
        var exception = await db.Exceptions.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (exception is null)
        {
            return await RefuseAsync(reply, $"Exception {id} does not exist. Nothing was changed.", cancellationToken);
        }

        reply = reply.OrChannel(exception.SlackChannel ?? topology.CurrentValue.ChannelOf(exception.Owner));
        if (!ExceptionTransitions.Allows(exception.State, action) || (seenVersion is { } seen && seen != exception.Version))
        {
            return await RefuseAsync(reply, await replies.AlreadyActedAsync(db, exception, cancellationToken), cancellationToken);
        }

        switch (await owners.AuthorizeAsync(exception, action, reply.UserId, lookUp: true, cancellationToken))
        {
            case Authorization.Unknown:
                return await RefuseAsync(reply, "I couldn't check your team membership with Slack just now. Nothing was changed; please try again.", cancellationToken);
            case Authorization.Denied:
                await DenyAsync(exception, action, reply, cancellationToken);
                return null;
        }

        if (apply(db, exception) is { } refusal)
        {
            return await RefuseAsync(reply, refusal, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Exception {ExceptionId}: {Action} by {SlackUser}, now {State}", id, action, reply.UserId, exception.State.ToWireName());
            return exception;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else's decision saved first: ours (row, audit event, outbox rows) is discarded whole.
            db.ChangeTracker.Clear();
            var current = await db.Exceptions.AsNoTracking().SingleAsync(e => e.Id == id, cancellationToken);
            return await RefuseAsync(reply, await replies.AlreadyActedAsync(db, current, cancellationToken), cancellationToken);
        }
    }

    /// <summary>Refuses someone who may not act: an ephemeral explanation and a <c>denied</c> audit event, nothing else.</summary>
    public async Task DenyAsync(ExceptionEntity exception, WorkflowAction action, ReplyTo reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(reply);
        var who = action == WorkflowAction.Escalate && exception.OriginalOwner != exception.Owner
            ? $"{exception.Owner} or {exception.OriginalOwner}"
            : exception.Owner;
        transitions.Deny(db, exception, reply.UserId, action, $"not a member of {who}");
        replies.Queue(db, reply.OrChannel(exception.SlackChannel ?? topology.CurrentValue.ChannelOf(exception.Owner)), replies.Denied(who, action));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Exception {ExceptionId}: {Action} by {SlackUser} denied", exception.Id, action, reply.UserId);
    }

    /// <summary>
    /// Refuses a click made on version <paramref name="seenVersion"/> of the exception's message when the exception has
    /// moved on since (someone, or this same click before a crash, decided meanwhile): the person is told who acted, as
    /// <see cref="DecideAsync"/> tells them. Returns whether it refused; false leaves the click to its handler.
    /// </summary>
    public async Task<bool> RefuseIfMovedOnAsync(long id, int seenVersion, ReplyTo reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var exception = await db.Exceptions.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (exception is null || exception.Version == seenVersion)
        {
            return false;
        }

        reply = reply.OrChannel(exception.SlackChannel ?? topology.CurrentValue.ChannelOf(exception.Owner));
        await RefuseAsync(reply, await replies.AlreadyActedAsync(db, exception, cancellationToken), cancellationToken);
        return true;
    }

    public async Task<ExceptionEntity?> RefuseAsync(ReplyTo reply, string text, CancellationToken cancellationToken)
    {
        replies.Queue(db, reply, text);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
