using System.Text.Json.Nodes;

namespace Reconcile.Slack.Outbox;

/// <summary>
/// A file for an outbox row of kind file: the bytes travel base64 in the Payload column, so an upload
/// queued before a restart is still delivered after it. The "text" field is the title, for the log.
/// </summary>
public sealed record OutboxFile(string FileName, string Title, string AltText, byte[] Content)
{
    private const string FileKey = "reconcileFile";

    public string ToPayloadJson() => new JsonObject
    {
        ["text"] = Title,
        ["blocks"] = new JsonArray(),
        [FileKey] = new JsonObject
        {
            ["fileName"] = FileName,
            ["title"] = Title,
            ["altText"] = AltText,
            ["content"] = Convert.ToBase64String(Content),
        },
    }.ToJsonString();

    public static OutboxFile Parse(string json)
    {
        var file = (JsonNode.Parse(json) as JsonObject)?[FileKey] as JsonObject ?? throw new FormatException("The outbox row carries no file.");
        return new OutboxFile(
            file["fileName"]?.GetValue<string>() ?? "file",
            file["title"]?.GetValue<string>() ?? "",
            file["altText"]?.GetValue<string>() ?? "",
            Convert.FromBase64String(file["content"]?.GetValue<string>() ?? ""));
    }
}
