using System.Globalization;

namespace Reconcile.Slack.Interactions;

/// <summary>
/// The group a flood summary's "Approve all" button acts on: the exception ids of one identical cause (flow, type,
/// system, attribute), carried as the button's value and the modal's private_metadata as comma-separated ids.
/// Slack limits a button value to 2,000 characters and private_metadata to 3,000 (Block Kit references), so a group
/// whose ids do not fit gets no button (<see cref="TryEncode"/>).
/// </summary>
public static class BulkApproval
{
    public const string ActionId = "recon.bulk_approve";
    public const string CallbackId = "recon.bulk_approve.submit";
    public const int MaxValueLength = 2000;

    public static string? TryEncode(IEnumerable<long> ids)
    {
        var value = string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        return value.Length is > 0 and <= MaxValueLength ? value : null;
    }

    /// <summary>The ids, or empty when the text is not a list of ids (a tampered or truncated value).</summary>
    public static IReadOnlyList<long> Decode(string? value)
    {
        var ids = new List<long>();
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return [];
            }

            ids.Add(id);
        }

        return [.. ids.Distinct()];
    }
}
