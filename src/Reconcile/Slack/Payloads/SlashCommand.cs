using Microsoft.Extensions.Primitives;

namespace Reconcile.Slack.Payloads;

/// <summary>The form fields of a slash command invocation; fields Slack adds later are ignored.</summary>
public sealed record SlashCommand(
    string Command,
    string Text,
    string UserId,
    string ChannelId,
    string? TeamId,
    Uri? ResponseUrl,
    string? TriggerId)
{
    public static SlashCommand FromForm(IReadOnlyDictionary<string, StringValues> form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var command = SlackForm.Field(form, "command") ?? throw new SlackPayloadException("Slash command without 'command'.");
        var user = SlackForm.Field(form, "user_id") ?? throw new SlackPayloadException("Slash command without 'user_id'.");
        return new SlashCommand(
            command,
            Unescape(SlackForm.Field(form, "text")?.Trim() ?? ""),
            user,
            SlackForm.Field(form, "channel_id") ?? "",
            SlackForm.Field(form, "team_id"),
            SlackForm.AbsoluteUri(SlackForm.Field(form, "response_url")),
            SlackForm.Field(form, "trigger_id"));
    }

    /// <summary>
    /// From a Socket Mode <c>slash_commands</c> payload: the same fields as the HTTP form, as JSON string properties
    /// (Slack's Socket Mode reference). Raises <see cref="SlackPayloadException"/> when it is not an object.
    /// </summary>
    public static SlashCommand FromJson(System.Text.Json.JsonElement payload)
    {
        if (payload.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw new SlackPayloadException("The slash command payload is not a JSON object.");
        }

        var form = new Dictionary<string, StringValues>(StringComparer.Ordinal);
        foreach (var field in payload.EnumerateObject().Where(f => f.Value.ValueKind == System.Text.Json.JsonValueKind.String))
        {
            form[field.Name] = Json.String(payload, field.Name);
        }

        return FromForm(form);
    }

    /// <summary>
    /// Slack escapes &amp;, &lt; and &gt; in the text it sends (its "Formatting text" reference); the text is
    /// parsed as the person typed it. &amp;amp; goes last so "&amp;amp;lt;" becomes "&amp;lt;", not "&lt;".
    /// </summary>
    public static string Unescape(string text) =>
        (text ?? "").Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
}
