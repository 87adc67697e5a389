using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconcile.Slack.Blocks;

/// <summary>
/// An exception's stored diagnostics, read defensively: the two order records (canonical JSON kept as
/// strings by the engine, parsed here when they are whole), earlier versions, failed checks, the suggested
/// remediation, any other keys, and <see cref="Raw"/> when the text is not a JSON object at all.
/// </summary>
public sealed record ExceptionEvidence(
    string? ExpectedText,
    string? ActualText,
    IReadOnlyList<string> History,
    IReadOnlyList<string> FailedChecks,
    string? Remediation,
    IReadOnlyList<KeyValuePair<string, JsonNode>> Other,
    string? Raw)
{
    public static ExceptionEvidence Empty { get; } = new(null, null, [], [], null, [], null);

    /// <summary>What automation tried on this exception and what the target answered, when it tried and failed.</summary>
    public string? Automation { get; init; }

    /// <summary>The authoritative record as a JSON object, or null when absent or cut off mid-way.</summary>
    public JsonObject? Expected => Object(ExpectedText);

    /// <summary>The record at fault as a JSON object, or null when absent, a raw payload, or cut off.</summary>
    public JsonObject? Actual => Object(ActualText);

    /// <summary>Never throws: odd input becomes <see cref="Raw"/> or is skipped.</summary>
    public static ExceptionEvidence Parse(string? diagnostics)
    {
        if (string.IsNullOrWhiteSpace(diagnostics))
        {
            return Empty;
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
            return Empty with { Raw = diagnostics };
        }

        string? expected = null, actual = null, remediation = null, automation = null;
        IReadOnlyList<string> history = [], checks = [];
        var other = new List<KeyValuePair<string, JsonNode>>();
        foreach (var (key, value) in root)
        {
            switch (key)
            {
                case "expectedRecord": expected = Text(value); break;
                case "actualRecord": actual = Text(value); break;
                case "history": history = Texts(value); break;
                case "failedChecks": checks = Texts(value); break;
                case "suggestedRemediation": remediation = Text(value); break;
                case "automation": automation = Text(value); break;
                default:
                    if (value is not null && !IsEmpty(value))
                    {
                        other.Add(new(key, value));
                    }

                    break;
            }
        }

        return new ExceptionEvidence(expected, actual, history, checks, remediation, other, null) { Automation = automation };
    }

    /// <summary>A JSON value as text: strings unquoted, everything else as compact JSON; null or empty becomes null.</summary>
    public static string? Text(JsonNode? value)
    {
        var text = value is JsonValue scalar && scalar.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
        return string.IsNullOrWhiteSpace(text) || IsEmpty(value) ? null : text;
    }

    private static List<string> Texts(JsonNode? value) => value switch
    {
        JsonArray items => [.. items.Select(Text).OfType<string>()],
        _ => Text(value) is { } one ? [one] : [],
    };

    private static bool IsEmpty(JsonNode? value) => value is null or JsonArray { Count: 0 } or JsonObject { Count: 0 };

    private static JsonObject? Object(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
