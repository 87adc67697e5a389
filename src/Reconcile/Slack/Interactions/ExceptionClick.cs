using System.Globalization;
using System.Text.RegularExpressions;
using Reconcile.Slack.Payloads;
using Reconcile.Workflow;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// What a click on an exception button says: the exception id (the button value), the message
/// version the person saw (from the block_id ExceptionMessage gives each version), and where to answer.
/// </summary>
public sealed partial record ExceptionClick(long ExceptionId, int? SeenVersion, ReplyTo ReplyTo)
{
    public static ExceptionClick? From(BlockActionsPayload payload, BlockAction action)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(action);
        if (!long.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        var match = action.BlockId is null ? null : VersionedBlock().Match(action.BlockId);
        int? version = match is { Success: true } && match.Groups[1].Value == action.Value
            ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)
            : null;
        return new ExceptionClick(id, version, new ReplyTo(payload.UserId, payload.ResponseUrl, payload.ChannelId));
    }

    [GeneratedRegex(@"^recon-(\d+)-v(\d+)-actions$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex VersionedBlock();
}
