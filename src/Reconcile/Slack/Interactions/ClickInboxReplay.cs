using Microsoft.Data.Sqlite;
using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// At start-up, runs the clicks the <see cref="ClickInbox"/> still holds: acknowledged to Slack before the last stop (or
/// crash) and not yet decided. They run oldest first, through the same handlers as a click that just arrived, each
/// removed once it ran. A click whose decision was saved just before a crash, but not yet removed, runs a second time
/// and is refused privately as made on an older version of the message: it is never decided twice.
/// </summary>
internal sealed class ClickInboxReplay(ClickInbox inbox, IServiceScopeFactory scopes, ILogger<ClickInboxReplay> logger) : BackgroundService
{
    /// <summary>How long the replay waits before reading an inbox it could not read (its directory not yet mounted, say) again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<SavedClick> pending;
        while (true)
        {
            try
            {
                pending = await inbox.PendingAsync(stoppingToken);
                break;
            }
            catch (SqliteException e)
            {
                // The service stays up (health shows the store itself); the clicks wait for the next attempt.
                logger.LogError(e, "Could not read the click inbox {Path}; trying again in {Delay}", inbox.Path, RetryDelay);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }

        if (pending.Count == 0)
        {
            return;
        }

        logger.LogInformation("Running {Count} click(s) acknowledged before the last stop and not yet decided", pending.Count);
        foreach (var click in pending)
        {
            if (ReadClick(click) is { } payload)
            {
                await InteractionEndpoint.HandleSavedAsync(scopes, inbox, payload, payload.Actions[0], click.Id, logger, stoppingToken);
            }
            else
            {
                await inbox.RemoveAsync(click.Id, stoppingToken);
            }
        }
    }

    private BlockActionsPayload? ReadClick(SavedClick click)
    {
        try
        {
            if (InteractionParser.Parse(click.Payload) is BlockActionsPayload { Actions.Count: > 0 } payload)
            {
                return payload;
            }
        }
        catch (SlackPayloadException e)
        {
            logger.LogError("Click {ClickId} in the click inbox (received {ReceivedAt:O}) cannot be read and is dropped: {Reason}", click.Id, click.ReceivedAt, e.Message);
            return null;
        }

        logger.LogError("Click {ClickId} in the click inbox (received {ReceivedAt:O}) is not a button click and is dropped", click.Id, click.ReceivedAt);
        return null;
    }
}
