using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconcile.Slack.Blocks;

/// <summary>
/// Renders an exception's diagnostics JSON object defensively: known keys get a readable form,
/// unknown keys a trimmed code block, and anything that is not a JSON object is shown raw.
/// </summary>
public static class DiagnosticsBlocks
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<JsonObject> Build(string? diagnostics, int maxBlocks)
    {
        var blocks = new List<JsonObject>();
        if (string.IsNullOrWhiteSpace(diagnostics) || maxBlocks <= 0)
        {
            return blocks;
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(diagnostics) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null)
        {
            blocks.Add(BlockKit.Section("*Diagnostics*\n" + SlackText.Code(diagnostics)));
            return blocks;
        }

        string? remediation = null;
        foreach (var (key, value) in root)
        {
            if (value is null)
            {
                continue;
            }

            if (key == "suggestedRemediation")
            {
                remediation = AsText(value);
                continue;
            }

            blocks.Add(BlockKit.Section(key switch
            {
                "failedChecks" => "*Failed checks*\n" + Bullets(value),
                "records" => "*Records*\n" + SlackText.Code(Pretty(value)),
                "history" => "*History*\n" + SlackText.Code(Pretty(value)),
                "automation" => "*Automation tried*\n" + SlackText.Escape(AsText(value)),
                _ => $"*{SlackText.Escape(key)}*\n" + (value is JsonValue ? SlackText.Escape(AsText(value)) : SlackText.Code(Pretty(value))),
            }));
        }

        // The remediation is what the owner acts on, so it always survives the block budget.
        var kept = blocks.Take(remediation is null ? maxBlocks : maxBlocks - 1).ToList();
        if (remediation is not null)
        {
            kept.Add(BlockKit.Section("*Suggested remediation*\n" + SlackText.Escape(remediation)));
        }

        return kept;
    }

    private static string Bullets(JsonNode value)
    {
        if (value is not JsonArray items)
        {
            return "• " + SlackText.Escape(AsText(value));
        }

        var lines = items.Where(i => i is not null).Take(20).Select(i => "• " + SlackText.Escape(SlackText.Truncate(AsText(i!), 300)));
        return string.Join('\n', lines);
    }

    private static string AsText(JsonNode value) =>
        value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    private static string Pretty(JsonNode value) => value.ToJsonString(Indented);
}
