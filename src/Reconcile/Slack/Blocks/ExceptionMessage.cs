using System.Globalization;
using System.Text.Json.Nodes;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Interactions;
using Reconcile.Topology;

namespace Reconcile.Slack.Blocks;

/// <summary>
/// The message an owner sees for one exception, built from its current state: the same function
/// renders the first post and every later chat.update, so the message never drifts from the row.
/// It reads in five seconds: the difference first (with a "Details" button), then the facts that decide
/// it (customer, promo, campaign, differing lines), the failed checks and the suggested fix; empty parts
/// are left out. The full records and their history are one click away in <see cref="DetailsModal"/>.
/// </summary>
public static class ExceptionMessage
{
    public static SlackMessage Build(ExceptionEntity exception, string? ownerName = null, OwnerOptions? owner = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // A new block_id per version: Slack asks for it when a message is updated in place.
        var id = string.Create(CultureInfo.InvariantCulture, $"recon-{exception.Id}-v{exception.Version}");
        var evidence = ExceptionEvidence.Parse(exception.Diagnostics);
        var difference = BlockKit.Section(Difference(exception), $"{id}-diff");
        difference["accessory"] = BlockKit.Button("Details", ExceptionActionIds.Details, exception.Id.ToString(CultureInfo.InvariantCulture));
        var blocks = new JsonArray
        {
            BlockKit.Header(Title(exception), $"{id}-header"),
            difference,
            BlockKit.Context(Facts(exception, evidence, ownerName ?? exception.Owner, owner), $"{id}-facts"),
        };
        if (DecidingFacts.DifferingLines(evidence, exception.System) is { Count: > 0 } lines)
        {
            blocks.Add(BlockKit.Section("*Differing lines*\n" + string.Join('\n', lines), $"{id}-lines"));
        }

        // Automation tried first and the target said no: the owner sees that before deciding what to do.
        if (evidence.Automation is { } tried)
        {
            blocks.Add(BlockKit.Section("*Automation tried*\n" + SlackText.Escape(SlackText.Truncate(tried, 600)), $"{id}-automation"));
        }

        if (evidence.FailedChecks.Count > 0)
        {
            var checks = evidence.FailedChecks.Take(10).Select(c => "• " + SlackText.Escape(SlackText.Truncate(c, 300)));
            blocks.Add(BlockKit.Section("*Failed checks*\n" + string.Join('\n', checks), $"{id}-checks"));
        }

        if (evidence.Remediation is { } remediation)
        {
            blocks.Add(BlockKit.Section("*Suggested remediation*\n" + SlackText.Escape(remediation), $"{id}-fix"));
        }

        blocks.Add(exception.State switch
        {
            ExceptionState.Resolved => BlockKit.Context([ResolvedLine(exception)], $"{id}-resolved"),
            ExceptionState.Replaying => BlockKit.Context([":hourglass_flowing_sand: Replay in progress…"], $"{id}-replaying"),
            _ => Actions(exception, $"{id}-actions"),
        });
        return new SlackMessage(Fallback(exception), blocks);
    }

    /// <summary>The lead line: which attribute differs in which system, authoritative value → value found.</summary>
    public static string Difference(ExceptionEntity exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var attribute = string.IsNullOrEmpty(exception.Attribute) ? "record" : exception.Attribute;
        return $"*Difference* in *{SlackText.Escape(exception.System)}*\n`{SlackText.Escape(attribute)}`: "
            + $"{Value(exception.Expected)} → {Value(exception.Actual)}";
    }

    public static string Title(ExceptionEntity exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var prefix = exception.State == ExceptionState.Resolved ? "Resolved: " : "";
        return SlackText.Truncate($"{prefix}{TypeLabel(exception.Type)} · order {exception.OrderId}", SlackText.MaxHeader);
    }

    public static string TypeLabel(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var words = type.Replace('_', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>The deciding facts first, then routing: where it belongs, who owns it, by when, what is at stake.</summary>
    public static List<string> Facts(ExceptionEntity e, ExceptionEvidence evidence, string ownerName, OwnerOptions? owner)
    {
        ArgumentNullException.ThrowIfNull(e);
        var ownerText = owner?.UserGroup is { Length: > 0 } group ? $"{SlackText.Escape(ownerName)} (<!subteam^{group}>)" : SlackText.Escape(ownerName);
        var facts = DecidingFacts.Facts(evidence, e.System);
        facts.Add($"*Value at risk:* {SlackText.Money(e.ValueAtRisk)}");
        facts.Add($"*Owner:* {ownerText}");
        facts.Add($"*SLA due:* {SlackText.Date(e.SlaDueAt)}");
        var state = $"*Flow:* {SlackText.Escape(e.Flow)} · *State:* {SlackText.Escape(e.State.ToWireName())}";
        if (e.EscalationLevel > 0)
        {
            state += string.Create(CultureInfo.InvariantCulture, $" · *Escalation level:* {e.EscalationLevel}");
        }

        if (e.Occurrences > 1)
        {
            state += string.Create(CultureInfo.InvariantCulture, $" · *Seen:* {e.Occurrences}×");
        }

        facts.Add(state);
        return facts;
    }

    private static string Value(string? value) =>
        string.IsNullOrEmpty(value) ? "_(absent)_" : "`" + SlackText.Escape(SlackText.Truncate(value, 1000)).Replace("`", "'", StringComparison.Ordinal) + "`";

    private static string ResolvedLine(ExceptionEntity e)
    {
        var how = e.Resolution is not { } resolution ? "" : $" ({SlackText.Escape(resolution.ToWireName())})";
        var who = e.ResolvedBy switch
        {
            null or "" => "",
            var u when u.StartsWith('U') || u.StartsWith('W') => $" by <@{u}>",
            var actor => $" by {SlackText.Escape(actor)}",
        };
        var when = e.ResolvedAt is { } at ? $" at {SlackText.Date(at)}" : "";
        return $":white_check_mark: *Resolved*{how}{who}{when}";
    }

    /// <summary>The Approve / Replay / Escalate buttons (value: the exception id) under <paramref name="blockId"/>.</summary>
    public static JsonObject Actions(ExceptionEntity e, string blockId)
    {
        var value = e.Id.ToString(CultureInfo.InvariantCulture);
        var order = SlackText.Escape(e.OrderId);
        return BlockKit.Actions(
            blockId,
            BlockKit.Button("Approve", ExceptionActionIds.Approve, value, style: "primary"),
            BlockKit.Button("Replay", ExceptionActionIds.Replay, value, confirm: BlockKit.Confirm(
                "Replay this order?", $"Re-sync the authoritative values of order {order} into {SlackText.Escape(e.System)}, then verify.", "Replay")),
            BlockKit.Button("Escalate", ExceptionActionIds.Escalate, value, style: "danger", confirm: BlockKit.Confirm(
                "Escalate?", $"Hand order {order} to the next level of the escalation chain.", "Escalate", style: "danger")));
    }

    private static string Fallback(ExceptionEntity e)
    {
        // Values come from ingested payloads: escaped, so "<!channel>" in a promo code pings nobody.
        var attribute = string.IsNullOrEmpty(e.Attribute) ? "" : $" {SlackText.Escape(e.Attribute)}: {SlackText.Escape(e.Expected ?? "(absent)")} → {SlackText.Escape(e.Actual ?? "(absent)")}";
        return SlackText.Truncate($"[{e.State.ToWireName()}] {TypeLabel(e.Type)} · order {SlackText.Escape(e.OrderId)} in {SlackText.Escape(e.System)}{attribute} ({SlackText.Escape(e.Flow)})", SlackText.MaxMessageText);
    }
}
