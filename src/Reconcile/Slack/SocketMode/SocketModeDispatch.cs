using System.Text.Json.Nodes;
using Reconcile.Slack.Commands;
using Reconcile.Slack.Events;
using Reconcile.Slack.Interactions;
using Reconcile.Slack.Payloads;

namespace Reconcile.Slack.SocketMode;

/// <summary>
/// Hands a Socket Mode envelope to the same code the HTTP routes run — <see cref="CommandEndpoint"/>,
/// <see cref="InteractionEndpoint"/>, <see cref="EventDispatcher"/> — in a scope of its own, and returns the
/// acknowledgement's payload (what the HTTP 200 body would have been), or null for an empty acknowledgement.
/// No signature check: the WebSocket, opened with the app-level token, is the trust anchor.
/// </summary>
public sealed class SocketModeDispatch(IServiceScopeFactory scopes, EventDispatcher events, IHostApplicationLifetime lifetime, ILogger<SocketModeDispatch> logger)
{
    public async Task<JsonObject?> AnswerAsync(SocketModeEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        try
        {
            switch (envelope.Type)
            {
                case SocketModeEnvelope.SlashCommands:
                {
                    await using var scope = scopes.CreateAsyncScope();
                    return await CommandEndpoint.AnswerAsync(scope.ServiceProvider, SlashCommand.FromJson(envelope.Payload), cancellationToken);
                }

                case SocketModeEnvelope.Interactive:
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var json = envelope.Payload.GetRawText();
                    return await InteractionEndpoint.AnswerAsync(scope.ServiceProvider, InteractionParser.Parse(json), json, lifetime, logger, cancellationToken);
                }

                case SocketModeEnvelope.EventsApi:
                    events.Accept(SlackEventEnvelope.FromJson(envelope.Payload), envelope.RetryAttempt > 0 ? envelope.RetryAttempt.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
                    return null;

                default:
                    logger.LogWarning("Socket Mode envelope of unknown type {EnvelopeType} acknowledged and ignored", envelope.Type);
                    return null;
            }
        }
        catch (SlackPayloadException ex)
        {
            // Acknowledged all the same: Slack would only send the same malformed envelope again.
            logger.LogWarning("Malformed Socket Mode {EnvelopeType} envelope {EnvelopeId}: {Reason}", envelope.Type, envelope.EnvelopeId, ex.Message);
            return null;
        }
    }
}
