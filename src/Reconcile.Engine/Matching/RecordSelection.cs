using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>
/// Picks each system's copy of the order and reports what is wrong with the copies themselves:
/// quarantined payloads (schema drift) and several records for one order (duplicates).
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

            if (current is not null && !string.Equals(current.ExternalId, record.ExternalId, StringComparison.Ordinal))
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
        var list = string.Join(", ", ids);
        return context.Factory.Create(
            FindingType.Duplicate, system, "externalId", current.ExternalId, list, context.OrderTotal(current),
            other, current,
            $"duplicate: {ids.Count} records in {name} for one order ({list})",
            $"Void the extra {name} records and keep one of {list}.");
    }
}
