using Microsoft.AspNetCore.Mvc;
using Reconcile.Slack.Payloads;
using Reconcile.Slack.Signing;

namespace Reconcile.Slack.Events;

/// <summary>POST /slack/events: answers url_verification; acknowledges events, ignoring retries of ones already seen.</summary>
internal static class EventEndpoint
{
    public const string RetryHeader = "X-Slack-Retry-Num";

    public static IResult Handle(HttpContext http, [FromServices] SeenEvents seen, [FromServices] ILogger<SeenEvents> logger)
    {
        SlackEventEnvelope envelope;
        try
        {
            envelope = SlackEventEnvelope.Parse(http.Request.ContentType, SlackRequestBody.From(http).Text);
        }
        catch (SlackPayloadException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Malformed Slack event");
        }

        if (envelope.Type == SlackEventEnvelope.UrlVerification)
        {
            return Results.Json(new { challenge = envelope.Challenge ?? "" });
        }

        if (envelope.EventId is { } id && !seen.TryAdd(id))
        {
            logger.LogInformation("Ignoring repeated Slack event {EventId} (retry {Retry})", id, http.Request.Headers[RetryHeader].ToString());
            return Results.Ok();
        }

        // No event subscriptions are processed yet; acknowledging keeps Slack from retrying.
        logger.LogDebug("Slack event {EventType} ({EventId}) acknowledged", envelope.EventType, envelope.EventId);
        return Results.Ok();
    }
}
