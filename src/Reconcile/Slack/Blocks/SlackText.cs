namespace Reconcile.Slack.Blocks;

/// <summary>Slack's text limits and mrkdwn escaping, so no builder can produce a message Slack rejects.</summary>
public static class SlackText
{
    public const int MaxBlocks = 50;
    public const int MaxHeader = 150;
    public const int MaxSection = 3000;
    public const int MaxButton = 75;
    public const int MaxContextElement = 2000;
    public const int MaxMessageText = 4000;
    public const int MaxCodeBlock = 1200;

    public static string Truncate(string? text, int max)
    {
        text ??= "";
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }

    /// <summary>Slack mrkdwn needs only &amp;, &lt; and &gt; escaped; anything else is shown as typed.</summary>
    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A fenced code block whose content cannot close the fence early, trimmed to <paramref name="max"/>.</summary>
    public static string Code(string? text, int max = MaxCodeBlock) =>
        "```" + Escape(Truncate((text ?? "").Replace("```", "'''", StringComparison.Ordinal), max)) + "```";

    /// <summary>Slack renders the date in the reader's timezone; the fallback is UTC.</summary>
    public static string Date(DateTimeOffset at) =>
        $"<!date^{at.ToUnixTimeSeconds()}^{{date_short_pretty}} {{time}}|{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC>";

    /// <summary>
    /// An audit actor as a reader sees it: Slack user ids (U…, W…) become mentions; system actors
    /// (<c>system:run</c>, <c>system:sla</c>) are shown as written; nobody is "someone".
    /// </summary>
    public static string Actor(string? actor) => actor switch
    {
        null or "" => "someone",
        var u when (u[0] == 'U' || u[0] == 'W') && !u.Contains(':', StringComparison.Ordinal) => $"<@{u}>",
        var other => Escape(other),
    };

    public static string Money(decimal amount) => amount.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);
}
