using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>
/// Picks each system's copy of the order and reports what is wrong with the copies themselves:
/// quarantined payloads (schema drift) and several records for one order (duplicates): two external
/// ids, or, from a system that sends none, two different payloads claiming the same <c>updatedAt</c>
/// (the store keeps both rather than let one silently replace the other).
/// </summary>
internal static class RecordSelection
{
    public static void Select(OrderContext context, int system, IReadOnlyList<StoredRecord> records)
    {
        StoredRecord? current = null, quarantined = null, other = null;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Quarantined || record.Record is null)
            {
                quarantined ??= record;
                continue;
            }

            if (current is not null && AreDuplicates(current, record))
            {
                other = record;
            }

            // The latest copy is the one the system currently shows.
            if (current is null || record.ReceivedAt > current.ReceivedAt)
            {
                current = record;
            }
        }

        if (quarantined is not null)
        {
            // One root cause, one finding: a quarantined copy is not also missing or mismatched.
            context.Blocked[system] = true;
            context.Add(SchemaDrift(context, system, quarantined));
        }
        else
        {
            context.Current[system] = current;
        }

        if (other is not null && current is not null)
        {
            context.Add(Duplicate(context, system, current, other, records));
        }
    }

    /// <summary>
    /// Two external ids for one order; or, without external ids, two different contents at one updatedAt
    /// (neither is newer, so neither is an update). The same record delivered twice is not a duplicate.
    /// </summary>
    private static bool AreDuplicates(StoredRecord a, StoredRecord b)
    {
        if (!string.Equals(a.ExternalId, b.ExternalId, StringComparison.Ordinal))
        {
            return true;
        }

        return a.ExternalId is null && a.Record!.UpdatedAt == b.Record!.UpdatedAt
            && !string.Equals(CanonicalJson.Serialize(a.Record), CanonicalJson.Serialize(b.Record), StringComparison.Ordinal);
    }

    private static Finding SchemaDrift(OrderContext context, int system, StoredRecord quarantined)
    {
        var reason = quarantined.QuarantineReason ?? "payload failed validation";
        var name = context.Flow.Systems[system];
        return context.Factory.Create(
            FindingType.SchemaDrift, system, null, null, reason, context.OrderTotal(null), null, quarantined,
            $"schema: {reason}",
            $"Fix the {name} payload ({reason}) and re-send it; the quarantined copy is kept for reference.");
    }

    private static Finding Duplicate(
        OrderContext context, int system, StoredRecord current, StoredRecord other, IReadOnlyList<StoredRecord> records)
    {
        var ids = new List<string>(records.Count);
        foreach (var record in records)
        {
            if (!record.Quarantined && !ids.Contains(record.ExternalId ?? "(none)"))
            {
                ids.Add(record.ExternalId ?? "(none)");
            }
        }

        var name = context.Flow.Systems[system];
        if (current.ExternalId is null && other.ExternalId is null)
        {
            var count = records.Count(r => !r.Quarantined);
            var at = current.Record!.UpdatedAt.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture);
            return context.Factory.Create(
                FindingType.Duplicate, system, "updatedAt", at, $"{count} different records", context.OrderTotal(current),
                other, current,
                $"duplicate: {count} different records in {name} for one order, all updated {at} and without an external id",
                $"Find which {name} record is right, correct or void the others in {name} and re-send the order with a newer updatedAt.");
        }

        var list = string.Join(", ", ids);
        return context.Factory.Create(
            FindingType.Duplicate, system, "externalId", current.ExternalId, list, context.OrderTotal(current),
            other, current,
            $"duplicate: {ids.Count} records in {name} for one order ({list})",
            $"Void the extra {name} records and keep one of {list}.");
    }
}
