using System.Text.Json.Nodes;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// <c>response_action: errors</c>: keeps the modal open with a message under each named input block
/// (keys are block_ids of input blocks).
/// </summary>
public sealed record ViewSubmissionResponse(IReadOnlyDictionary<string, string> Errors)
{
    public JsonObject ToJson()
    {
        var errors = new JsonObject();
        foreach (var (blockId, message) in Errors)
        {
            errors[blockId] = message;
        }

        return new JsonObject { ["response_action"] = "errors", ["errors"] = errors };
    }
}
