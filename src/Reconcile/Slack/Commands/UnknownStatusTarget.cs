using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Commands;

/// <summary>
/// The answer to <c>/recon status &lt;x&gt;</c> when x is neither an order Reconcile has seen nor a flow:
/// it says both, suggests the closest flow names (edit distance, or a shared prefix), and lists every flow.
/// </summary>
public static class UnknownStatusTarget
{
    /// <summary>The ephemeral text; <paramref name="wanted"/> is escaped and cut to 60 characters.</summary>
    public static SlackMessage Build(string wanted, IReadOnlyList<string> flows)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(flows);
        var shown = SlackText.Escape(SlackText.Truncate(wanted, 60));
        var suggestions = Suggest(wanted, flows);
        var text = $"No order or flow named '{shown}': no order with that id has been seen, and no flow has that name.";
        if (suggestions.Count > 0)
        {
            text += $" Did you mean {string.Join(" or ", suggestions.Select(s => $"`/recon status {s}`"))}?";
        }

        text += flows.Count == 0 ? " No flows are configured." : $" Flows: {string.Join(", ", flows)}.";
        return SlackMessage.Plain(text);
    }

    /// <summary>Up to three flow names within a third of the name's length in edits, or sharing its first four characters.</summary>
    public static IReadOnlyList<string> Suggest(string wanted, IReadOnlyList<string> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        var lower = (wanted ?? "").ToLowerInvariant();
        return flows
            .Select(f => (Flow: f, Distance: Distance(lower, f.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, c.Flow.Length / 3)
                || (lower.Length >= 4 && c.Flow.StartsWith(lower[..4], StringComparison.OrdinalIgnoreCase)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Flow, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Flow)
            .ToList();
    }

    // Levenshtein distance with two rows; names are short, so this stays cheap.
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
