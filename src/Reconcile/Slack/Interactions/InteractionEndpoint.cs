using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Reconcile.Data;
using Reconcile.Hosting;
using Reconcile.Slack.Outbox;
using Reconcile.Slack.Payloads;
using Reconcile.Slack.Signing;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// POST /slack/interactions: block actions by action_id, view submissions by callback_id, each resolving only
/// the handler registered under that id (keyed services, see <see cref="SlackHandlers"/>). A button that only opens a
/// view is acknowledged at once, a deciding one once saved in the <see cref="ClickInbox"/> (see
/// <see cref="ClickAcknowledgement"/>); only the first action of a payload runs; an unknown action gets an ephemeral
/// explanation through its response_url (via the outbox), and so does a handler that fails.
/// </summary>
internal static class InteractionEndpoint
{
    public const string UnknownActionText = "Sorry, that button isn't connected to anything yet. Nothing was changed.";

    public static async Task<IResult> HandleAsync(
        HttpContext http,
        [FromServices] IServiceProvider services,
        [FromServices] IHostApplicationLifetime lifetime,
        [FromServices] ILogger<SlackOutbox> logger,
        CancellationToken cancellationToken)
    {
        InteractionPayload payload;
        string json;
        try
        {
            var form = SlackForm.Parse(http.Request.ContentType, SlackRequestBody.From(http).Text);
            json = SlackForm.Field(form, "payload") ?? "";
            payload = InteractionParser.Parse(json);
        }
        catch (SlackPayloadException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Malformed Slack interaction");
        }

        var response = await AnswerAsync(services, payload, json, lifetime, logger, cancellationToken);
        return response is null ? Results.Ok() : Results.Json(response);
    }

    /// <summary>
    /// Runs one interaction — from HTTP or Socket Mode; <paramref name="json"/> is its payload as Slack sent it — and
    /// returns what Slack expects in the acknowledgement (a view submission's <c>response_action</c>), or null for an empty
    /// acknowledgement. A deciding click is saved in the <see cref="ClickInbox"/> and answered after at most
    /// <see cref="SlackOptions.ClickInboxAckWait"/>; without the inbox it waits for its decision within
    /// <see cref="SlackOptions.InteractionAckBudget"/>. A slower handler finishes in the background.
    /// </summary>
    public static async Task<JsonObject?> AnswerAsync(
        IServiceProvider services, InteractionPayload payload, string json, IHostApplicationLifetime lifetime, ILogger logger, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["SlackUser"] = (payload as BlockActionsPayload)?.UserId ?? (payload as ViewSubmissionPayload)?.UserId });
        using var activity = ReconcileTracing.Source.StartActivity(ReconcileTracing.Interaction);
        activity?.SetTag(ReconcileTracing.SlackUser, (payload as BlockActionsPayload)?.UserId ?? (payload as ViewSubmissionPayload)?.UserId);
        if (payload is ViewSubmissionPayload submission)
        {
            activity?.SetTag(ReconcileTracing.SlackCallbackId, submission.CallbackId);
            activity?.SetTag(ReconcileTracing.ExceptionId, ApproveModal.ExceptionId(submission.PrivateMetadata)?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var handler = services.GetKeyedService<IViewSubmissionHandler>(submission.CallbackId);
            if (handler is null)
            {
                logger.LogWarning("No handler for view callback_id {CallbackId}", submission.CallbackId);
                return null;
            }

            var response = await handler.HandleAsync(submission, cancellationToken);
            return response?.ToJson();
        }

        // Slack sends one action per block_actions payload. A payload carrying more is not from a click: running
        // every one would let one signed request write a flood of audit events and replies, so only the first runs.
        var blockActions = (BlockActionsPayload)payload;
        var action = blockActions.Actions[0];
        activity?.SetTag(ReconcileTracing.SlackActionId, action.ActionId);
        // The exception buttons carry the exception id as their value.
        activity?.SetTag(ReconcileTracing.ExceptionId, action.Value);
        if (blockActions.Actions.Count > 1)
        {
            logger.LogWarning("block_actions payload with {ActionCount} actions; only the first ({ActionId}) is handled", blockActions.Actions.Count, action.ActionId);
        }

        // The handler runs in its own scope so it may outlive this request: the click is acknowledged within
        // Slack's 3 s whatever Slack's own API does meanwhile, and a slow handler finishes in the background. A button
        // that only opens a view is acknowledged at once (ClickAcknowledgement).
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        if (services.GetKeyedService<ClickAcknowledgement>(action.ActionId) is { AtOnce: true })
        {
            _ = HandleBlockActionAsync(scopes, blockActions, action, logger, lifetime.ApplicationStopping);
            return null;
        }

        // A deciding click: saved first where the store's writer cannot hold it up, then decided in turn.
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SlackOptions>>().Value;
        var inbox = services.GetRequiredService<ClickInbox>();
        var saved = await inbox.SaveAsync(json, services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
        var work = HandleSavedAsync(scopes, inbox, blockActions, action, saved, logger, lifetime.ApplicationStopping);
        var budget = saved is null ? options.InteractionAckBudget : TimeSpan.FromTicks(Math.Min(options.ClickInboxAckWait.Ticks, options.InteractionAckBudget.Ticks));
        if (budget <= TimeSpan.Zero)
        {
            return null;
        }

        if (await Task.WhenAny(work, Task.Delay(budget, CancellationToken.None)) == work)
        {
            await work;
        }
        else
        {
            logger.LogWarning("Click acknowledged after {Budget} while its handler still runs; it finishes in the background", budget);
        }

        return null;
    }

    /// <summary>
    /// Decides a click saved in the <see cref="ClickInbox"/> (<paramref name="saved"/>, its id; at most
    /// <see cref="ClickInbox.DecidingAtOnce"/> at a time), then removes it from there; a click that was not saved is
    /// decided at once, as every click was before the inbox. A click whose handler the service's stop cut short stays
    /// in the inbox for the next start (<see cref="ClickInboxReplay"/>); one whose handler ran, or told its user it
    /// failed, is removed even while the service stops.
    /// </summary>
    internal static async Task HandleSavedAsync(
        IServiceScopeFactory scopes, ClickInbox inbox, BlockActionsPayload blockActions, BlockAction action, long? saved, ILogger logger, CancellationToken cancellationToken)
    {
        if (saved is not { } id)
        {
            await HandleBlockActionAsync(scopes, blockActions, action, logger, cancellationToken);
            return;
        }

        try
        {
            await inbox.Deciding.WaitAsync(cancellationToken);
            try
            {
                await HandleBlockActionAsync(scopes, blockActions, action, logger, cancellationToken);
            }
            finally
            {
                inbox.Deciding.Release();
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await inbox.TryRemoveAsync(id);
    }

    private static async Task HandleBlockActionAsync(
        IServiceScopeFactory scopes, BlockActionsPayload blockActions, BlockAction action, ILogger logger, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RunHandlerAsync(scope.ServiceProvider, blockActions, action, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The click may already be acknowledged: the user hears of the failure privately, not only the log.
            logger.LogError(e, "The handler of {ActionId} failed", action.ActionId);
            await TellFailureAsync(scopes, blockActions, action, logger, cancellationToken);
        }
    }

    private static async Task TellFailureAsync(IServiceScopeFactory scopes, BlockActionsPayload blockActions, BlockAction action, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var decision = scope.ServiceProvider.GetRequiredService<Workflow.ExceptionDecision>();
            await decision.RefuseAsync(
                new Workflow.ReplyTo(blockActions.UserId, blockActions.ResponseUrl, blockActions.ChannelId),
                $"Reconcile could not finish your click on {action.ActionId}: something failed on our side and is logged. Check the message; if nothing changed, click again.",
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not tell {SlackUser} that their click on {ActionId} failed", blockActions.UserId, action.ActionId);
        }
    }

    private static async Task RunHandlerAsync(IServiceProvider services, BlockActionsPayload blockActions, BlockAction action, CancellationToken cancellationToken)
    {
        var actionHandler = services.GetKeyedService<IBlockActionHandler>(action.ActionId);
        if (actionHandler is not null)
        {
            await actionHandler.HandleAsync(blockActions, action, cancellationToken);
            return;
        }

        var logger = services.GetRequiredService<ILogger<SlackOutbox>>();
        logger.LogWarning("No handler for action_id {ActionId} (value {ActionValue})", action.ActionId, action.Value);
        if (blockActions.ResponseUrl is { } responseUrl)
        {
            var db = services.GetRequiredService<ReconcileDbContext>();
            services.GetRequiredService<SlackOutbox>().QueueResponseUrl(db, responseUrl, new JsonObject
            {
                ["response_type"] = "ephemeral", ["replace_original"] = false, ["text"] = UnknownActionText,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
