using Microsoft.AspNetCore.Mvc;
using Reconcile.Slack.Payloads;
using Reconcile.Slack.Signing;

namespace Reconcile.Slack.Events;

/// <summary>POST /slack/events: answers url_verification; acknowledges events at once and hands them to <see cref="EventDispatcher"/>.</summary>
internal static class EventEndpoint
{
    public const string RetryHeader = "X-Slack-Retry-Num";

    public static IResult Handle(HttpContext http, [FromServices] EventDispatcher events)
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

        events.Accept(envelope, http.Request.Headers[RetryHeader].ToString());
        return Results.Ok();
    }
}
