using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Slack.Blocks;

namespace Reconcile.Slack.Outbox;

/// <summary>
/// What happens when Slack refuses an outbox row for good, so a refusal is never silent: a post with
/// blocks Slack rejects (<c>invalid_blocks</c>) is tried once more as text only; a post Slack still refuses
/// is told to the admins (<see cref="SlackOptions.Admins"/>, by direct message) with the reason and the fix;
/// a message refresh that fails after a decision tells the person who decided; a revoked or invalid token
/// marks Slack disconnected on /healthz at once. Error codes: Slack's chat.postMessage and chat.update references.
/// </summary>
internal sealed class OutboxRefusals(
    SlackOutbox outbox, IOptions<SlackOptions> options, SlackAuthHealthCheck.Cache health, TimeProvider time, ILogger<OutboxRefusals> logger)
{
    private static readonly HashSet<string> AuthErrors = new(StringComparer.Ordinal) { "invalid_auth", "token_revoked", "account_inactive", "not_authed" };
    private static readonly HashSet<string> RefreshErrors = new(StringComparer.Ordinal) { "message_not_found", "cant_update_message", "channel_not_found" };
    private static readonly HashSet<string> PostErrors = new(StringComparer.Ordinal) { "not_in_channel", "is_archived", "invalid_blocks", "channel_not_found" };

    /// <summary>True when the row was rewritten for another try (blocks dropped, text kept) instead of failing.</summary>
    public bool TryFallBack(SlackOutboxEntity row, string error)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Kind != OutboxKind.Post || Code(error) != "invalid_blocks"
            || JsonNode.Parse(row.Payload) is not JsonObject json || json["blocks"] is not JsonArray { Count: > 0 })
        {
            return false;
        }

        json.Remove("blocks");
        if (row.ExceptionId is { } id)
        {
            // Without blocks the buttons are gone: the text says where the exception can still be seen and acted on.
            var text = json["text"]?.GetValue<string>() ?? "";
            json["text"] = SlackText.Truncate(text, SlackText.MaxMessageText - 200) + "\n" + ApiLink(id);
        }

        row.Payload = json.ToJsonString();
        row.LastError = "invalid_blocks: retrying as text only";
        row.NextAttemptAt = time.GetUtcNow();
        logger.LogWarning("Slack refused the blocks of outbox row {OutboxId} for {Channel}; posting it as text only", row.Id, row.Channel);
        return true;
    }

    /// <summary>Queues the private notes a final refusal calls for on <paramref name="db"/>; the caller saves.</summary>
    public void Tell(ReconcileDbContext db, SlackOutboxEntity row, string error)
    {
        ArgumentNullException.ThrowIfNull(row);
        var code = Code(error);
        if (AuthErrors.Contains(code))
        {
            health.Last = (time.GetUtcNow(), SlackAuthHealthCheck.Disconnected(code));
            return;
        }

        if (row.Kind == OutboxKind.Update && row.UserId is { Length: > 0 } user && RefreshErrors.Contains(code))
        {
            outbox.QueuePost(db, user, SlackMessage.Plain(
                $"Your decision on exception {row.ExceptionId} stands, but Slack could not refresh its message ({code}). " +
                "Its buttons may look out of date; `/recon status` shows the current state."));
            return;
        }

        var admins = options.Value.Admins;
        if (row.Kind != OutboxKind.Post || !PostErrors.Contains(code) || admins.Contains(row.Channel, StringComparer.Ordinal))
        {
            return;
        }

        var what = row.ExceptionId is { } id ? $"exception {id}" : "a message";
        var text = $":warning: Reconcile could not post {what} to <#{row.Channel}>: Slack says `{code}`. Fix: {FixFor(code, row.Channel)} (outbox row {row.Id}).";
        foreach (var admin in admins)
        {
            outbox.QueuePost(db, admin, SlackMessage.Plain(text));
        }

        if (admins.Count == 0)
        {
            logger.LogError("No Slack:Admins to tell that {Channel} refused outbox row {OutboxId}: {SlackError}", row.Channel, row.Id, code);
        }
    }

    /// <summary>A mrkdwn link to the exception's API page, or its path when Slack:PublicBaseUrl is not set.</summary>
    public string ApiLink(long exceptionId)
    {
        var path = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"api/exceptions/{exceptionId}");
        return options.Value.PublicBaseUrl is { Length: > 0 } site
            ? $"Details and decisions: <{site.TrimEnd('/')}/{path}|exception {exceptionId}>"
            : $"Details and decisions: `GET /{path}`";
    }

    private static string FixFor(string code, string channel) => code switch
    {
        "not_in_channel" => $"/invite @Reconcile to <#{channel}>",
        "is_archived" => $"unarchive <#{channel}>, or give its owner another channel (Topology:Owners:<owner>:Channel)",
        "channel_not_found" => $"check the channel id {channel} in Topology:Owners:<owner>:Channel, and that the app is installed in its workspace",
        _ => "Slack refused the message even as plain text; the log holds Slack's explanation",
    };

    private static string Code(string error) => error.Split(':', 2)[0].Trim();
}
