using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.Events;

/// <summary>
/// Acknowledge first, then handle: takes an event (HTTP or Socket Mode), drops repeats by event_id, and runs the
/// handler registered for its type in the background in a scope of its own, so Slack's 3 s acknowledgement never
/// waits for a database or a Web API call. An event type without a handler is acknowledged and ignored.
/// </summary>
public sealed class EventDispatcher(IServiceScopeFactory scopes, SeenEvents seen, IHostApplicationLifetime lifetime, ILogger<EventDispatcher> logger)
{
    /// <summary>False when the event was seen before (a retry); otherwise its handler has been started.</summary>
    public bool Accept(SlackEventEnvelope envelope, string? retry = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.EventId is { } id && !seen.TryAdd(id))
        {
            logger.LogInformation("Ignoring repeated Slack event {EventId} (retry {Retry})", id, retry);
            return false;
        }

        if (envelope.EventType is not { } type)
        {
            logger.LogDebug("Slack event envelope {EnvelopeType} without an inner event acknowledged", envelope.Type);
            return true;
        }

        _ = Task.Run(() => HandleAsync(envelope, type), CancellationToken.None);
        return true;
    }

    private async Task HandleAsync(SlackEventEnvelope envelope, string type)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetKeyedService<ISlackEventListener>(type) is not { } handler)
            {
                logger.LogDebug("Slack event {EventType} ({EventId}) acknowledged; nothing handles it", type, envelope.EventId);
                return;
            }

            await handler.HandleAsync(envelope, lifetime.ApplicationStopping);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Already acknowledged: Slack will not send it again, so the log is where a failure shows.
            logger.LogError(ex, "Handling Slack event {EventType} ({EventId}) failed", type, envelope.EventId);
        }
    }
}
