using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Reconcile.Slack.Payloads;
using Reconcile.Slack.Signing;

namespace Reconcile.Slack.Commands;

/// <summary>POST /slack/commands: answers the slash command in the response body, as an ephemeral message.</summary>
internal static class CommandEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext http, [FromServices] IServiceProvider services, CancellationToken cancellationToken)
    {
        SlashCommand command;
        try
        {
            command = SlashCommand.FromForm(SlackForm.Parse(http.Request.ContentType, SlackRequestBody.From(http).Text));
        }
        catch (SlackPayloadException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Malformed slash command");
        }

        return Results.Json(await AnswerAsync(services, command, cancellationToken), statusCode: StatusCodes.Status200OK);
    }

    /// <summary>
    /// The answer to one slash command — the HTTP 200 body, or a Socket Mode acknowledgement's payload: the handler
    /// registered under the command's name answers, as an ephemeral message.
    /// </summary>
    public static async Task<JsonObject> AnswerAsync(IServiceProvider services, SlashCommand command, CancellationToken cancellationToken)
    {
        var handler = services.GetKeyedService<ISlashCommandHandler>(SlackHandlers.CommandKey(command.Command));
        var message = handler is null
            ? Blocks.SlackMessage.Plain($"Reconcile does not handle {command.Command}.")
            : await handler.HandleAsync(command, cancellationToken);
        var body = message.ToJson();
        body["response_type"] = "ephemeral";
        return body;
    }
}
