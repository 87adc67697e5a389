using System.Globalization;
using System.Text.Json.Nodes;

namespace Reconcile.Slack.Blocks;

/// <summary>
/// The few facts that decide an order mismatch, read from the two records of an exception's evidence:
/// customer, promo code and campaign (each shown once, with the other side's value when it differs), and the
/// order lines that differ per SKU (quantity × unit price), so a reader sees the cause without opening JSON.
/// </summary>
public static class DecidingFacts
{
    public const int MaxLines = 8;

    private static readonly (string Key, string Label)[] Keys = [("customerId", "Customer"), ("promoCode", "Promo"), ("campaign", "Campaign")];

    /// <summary>Mrkdwn facts such as "*Customer:* C-77"; <paramref name="system"/> names the side at fault.</summary>
    public static List<string> Facts(ExceptionEvidence evidence, string system)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var expected = evidence.Expected;
        var actual = evidence.Actual;
        var facts = new List<string>();
        foreach (var (key, label) in Keys)
        {
            var ours = Scalar(expected?[key]);
            var theirs = Scalar(actual?[key]);
            if (ours is null && theirs is null)
            {
                continue;
            }

            var shown = ours is null ? $"_(none)_" : $"`{Clean(ours)}`";
            if (actual is not null && !string.Equals(ours, theirs, StringComparison.Ordinal))
            {
                shown += $" ({SlackText.Escape(system)}: {(theirs is null ? "_(none)_" : $"`{Clean(theirs)}`")})";
            }

            facts.Add($"*{label}:* {shown}");
        }

        return facts;
    }

    /// <summary>One bullet per SKU whose quantity or unit price differs (or that one side lacks); empty when the lines agree.</summary>
    public static List<string> DifferingLines(ExceptionEvidence evidence, string system)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Expected is not { } expected || evidence.Actual is not { } actual
            || (expected["lines"] is null && actual["lines"] is null))
        {
            return [];
        }

        var ours = Lines(expected["lines"]);
        var theirs = Lines(actual["lines"]);
        var bullets = new List<string>();
        foreach (var sku in ours.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal))
        {
            var a = ours.GetValueOrDefault(sku);
            var b = theirs.GetValueOrDefault(sku);
            if (a != b)
            {
                bullets.Add($"• `{Clean(sku)}`: {Describe(a)} → {Describe(b)} in {SlackText.Escape(system)}");
            }
        }

        return bullets.Count <= MaxLines ? bullets
            : [.. bullets.Take(MaxLines), string.Create(CultureInfo.InvariantCulture, $"…and {bullets.Count - MaxLines} more (Details)")];
    }

    private static Dictionary<string, string> Lines(JsonNode? lines)
    {
        // Lines compare as a multiset per SKU: split or reordered lines with the same units and price agree.
        var totals = new Dictionary<string, (decimal Quantity, SortedSet<decimal> Prices)>(StringComparer.Ordinal);
        foreach (var line in (lines as JsonArray ?? []).OfType<JsonObject>())
        {
            var sku = Scalar(line["sku"]) ?? "?";
            var quantity = Number(line["quantity"]);
            var price = Number(line["unitPrice"]);
            var (sum, prices) = totals.TryGetValue(sku, out var seen) ? seen : (0m, new SortedSet<decimal>());
            prices.Add(price);
            totals[sku] = (sum + quantity, prices);
        }

        return totals.ToDictionary(
            t => t.Key,
            t => string.Create(CultureInfo.InvariantCulture, $"{t.Value.Quantity:0.##} × {string.Join("/", t.Value.Prices.Select(SlackText.Money))}"),
            StringComparer.Ordinal);
    }

    private static string Describe(string? line) => line is null ? "_(absent)_" : line;

    private static decimal Number(JsonNode? node) =>
        node is JsonValue value && (value.TryGetValue<decimal>(out var number)
            || (value.TryGetValue<string>(out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out number)))
            ? number : 0m;

    private static string? Scalar(JsonNode? node) => ExceptionEvidence.Text(node);

    private static string Clean(string text) => SlackText.Escape(SlackText.Truncate(text, 80)).Replace("`", "'", StringComparison.Ordinal);
}
