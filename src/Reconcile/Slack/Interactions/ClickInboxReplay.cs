using Reconcile.Slack.Payloads;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// At start-up, runs the clicks the <see cref="ClickInbox"/> still holds: acknowledged to Slack before the last stop (or
/// crash) and not yet decided. Only those saved before this start (the newest id is read before the service takes
/// requests), so a click arriving meanwhile is never run twice. They run oldest first, through the same handlers as a
/// click that just arrived, each removed once it ran. A click on an exception that moved on since its message (a
/// decision saved just before a crash, the click not yet removed) is refused privately as made on an older message,
/// whatever its button: it is never decided twice.
/// </summary>
internal sealed class ClickInboxReplay(ClickInbox inbox, IServiceScopeFactory scopes, ILogger<ClickInboxReplay> logger) : BackgroundService, IHostedLifecycleService
{
    private long? _upTo;

    /// <summary>Reads the newest saved click's id before any hosted service (the web server among them) starts.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            _upTo = await inbox.LastIdAsync(cancellationToken);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // The service starts all the same (health shows the store itself); the clicks wait for the next start.
            logger.LogError(e, "Could not read the click inbox {Path}; clicks left in it from before are decided at the next start", inbox.Path);
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_upTo is not > 0)
        {
            return;
        }

        var pending = await inbox.PendingAsync(_upTo.Value, stoppingToken);
        logger.LogInformation("Running {Count} click(s) acknowledged before the last stop and not yet decided", pending.Count);
        foreach (var click in pending)
        {
#pragma warning disable CA1031 // One click that cannot run (a bug, the store briefly away) must not keep the others from running.
            try
            {
                await RunAsync(click, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Click {ClickId} from the click inbox (received {ReceivedAt:O}) could not run; it stays for the next start", click.Id, click.ReceivedAt);
            }
#pragma warning restore CA1031
        }
    }

    private async Task RunAsync(SavedClick click, CancellationToken stoppingToken)
    {
        if (ReadClick(click) is not { } payload)
        {
            await inbox.TryRemoveAsync(click.Id);
            return;
        }

        var action = payload.Actions[0];
        if (ExceptionClick.From(payload, action) is { SeenVersion: { } seen } clicked)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<ExceptionDecision>().RefuseIfMovedOnAsync(clicked.ExceptionId, seen, clicked.ReplyTo, stoppingToken))
            {
                await inbox.TryRemoveAsync(click.Id);
                return;
            }
        }

        await InteractionEndpoint.HandleSavedAsync(scopes, inbox, payload, action, click.Id, logger, stoppingToken);
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
