using System.Globalization;

namespace Reconcile.Tests.Reliability;

/// <summary>How the exception posts in the store compare with the messages the fake Slack holds.</summary>
public sealed record Delivery(int Posts, int Lost, int Duplicated, int WithoutTs)
{
    /// <summary>Matches each exception post row with the held messages carrying its id in their metadata.</summary>
    public static Delivery Of(ReliabilityRig rig)
    {
        ArgumentNullException.ThrowIfNull(rig);
        var rows = rig.Strings("SELECT CAST(Id AS TEXT) FROM slack_outbox WHERE Kind = 'post' AND ExceptionId IS NOT NULL AND ThreadTs IS NULL");
        var held = rig.Slack.Held()
            .Select(m => m.Metadata?["event_payload"]?["outbox_row"]?.ToString())
            .Where(id => id is not null)
            .GroupBy(id => id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lost = rows.Count(id => !held.ContainsKey(id));
        var duplicated = rows.Sum(id => Math.Max(0, held.GetValueOrDefault(id) - 1));
        var withoutTs = (int)rig.Count("SELECT COUNT(*) FROM exceptions WHERE SlackTs IS NULL");
        return new Delivery(rows.Count, lost, duplicated, withoutTs);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Posts} posts, {Lost} lost, {Duplicated} duplicated, {WithoutTs} exceptions without a message");
}
