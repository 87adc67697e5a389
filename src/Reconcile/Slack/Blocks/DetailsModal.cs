using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Slack.Blocks;

/// <summary>
/// The modal behind an exception message's "Details" button: the lead and facts again, then the evidence in
/// full — the authoritative record, the record at fault, each earlier version, the failed checks and any other
/// diagnostics — as indented JSON in code blocks. Read-only (no submit). Limits: a modal holds at most 100
/// blocks, a title 24 characters, a section 3,000 (Slack's Block Kit "Modal" and "Section" references).
/// </summary>
public static class DetailsModal
{
    public const string CallbackId = "recon.details.view";
    public const int MaxBlocks = 100;
    private const int MaxCode = 2800;
    // Relaxed escaping: the text is escaped for mrkdwn afterwards, so "<" stays readable instead of "\u003C".
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Build(ExceptionEntity exception, OwnerOptions? owner = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var evidence = ExceptionEvidence.Parse(exception.Diagnostics);
        var blocks = new JsonArray
        {
            BlockKit.Section($"*{SlackText.Escape(ExceptionMessage.Title(exception))}*\n{ExceptionMessage.Difference(exception)}"),
            BlockKit.Context(ExceptionMessage.Facts(exception, evidence, exception.Owner, owner)),
        };
        var evidenceBlocks = new List<JsonObject>();
        if (evidence.ExpectedText is { } expected)
        {
            evidenceBlocks.Add(Code("Authoritative record", expected));
        }

        if (evidence.ActualText is { } actual)
        {
            evidenceBlocks.Add(Code($"Record in {exception.System}", actual));
        }

        for (var i = 0; i < evidence.History.Count; i++)
        {
            evidenceBlocks.Add(Code(i == 0 ? $"History: previous version in {exception.System}" : string.Create(CultureInfo.InvariantCulture, $"History: {i + 1} versions back"), evidence.History[i]));
        }

        if (evidence.FailedChecks.Count > 0)
        {
            evidenceBlocks.Add(BlockKit.Section("*Failed checks*\n" + string.Join('\n', evidence.FailedChecks.Take(40).Select(c => "• " + SlackText.Escape(SlackText.Truncate(c, 300))))));
        }

        foreach (var (key, value) in evidence.Other)
        {
            evidenceBlocks.Add(Code(key, value is JsonValue ? ExceptionEvidence.Text(value) ?? "" : value.ToJsonString()));
        }

        if (evidence.Raw is { } raw)
        {
            evidenceBlocks.Add(Code("Diagnostics", raw));
        }

        if (evidence.Remediation is { } remediation)
        {
            evidenceBlocks.Add(BlockKit.Section("*Suggested remediation*\n" + SlackText.Escape(remediation)));
        }

        foreach (var block in evidenceBlocks.Take(MaxBlocks - blocks.Count))
        {
            blocks.Add(block);
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = CallbackId,
            ["private_metadata"] = exception.Id.ToString(CultureInfo.InvariantCulture),
            ["title"] = BlockKit.PlainText(SlackText.Truncate(string.Create(CultureInfo.InvariantCulture, $"Exception {exception.Id}"), 24)),
            ["close"] = BlockKit.PlainText("Close"),
            ["blocks"] = blocks,
        };
    }

    /// <summary>A titled code block; JSON is indented so a record reads field by field.</summary>
    private static JsonObject Code(string title, string text) =>
        BlockKit.Section($"*{SlackText.Escape(title)}*\n{SlackText.Code(Pretty(text), MaxCode)}");

    private static string Pretty(string text)
    {
        try
        {
            return JsonNode.Parse(text) is { } node ? node.ToJsonString(Indented) : text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
