using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>
/// An order's own time, which the lag window is measured from: the source copy's <c>updatedAt</c>,
/// or, for an order only targets hold, the newest target <c>updatedAt</c>. Never the time Reconcile
/// received a copy: a backfill of last week's orders is old, an order updated a minute ago is young,
/// however either arrived. All instants compare as UTC.
/// </summary>
public static class OrderClock
{
    /// <summary>
    /// The order's time from each system's current copy (index 0 the source, null when absent).
    /// Null when the source copy is unreadable (quarantined): nothing waits for it, so the order is
    /// never pending.
    /// </summary>
    public static DateTimeOffset? Of(IReadOnlyList<StoredRecord?> copies, bool sourceUnreadable)
    {
        ArgumentNullException.ThrowIfNull(copies);
        if (sourceUnreadable)
        {
            return null;
        }

        if (copies.Count > 0 && copies[0]?.Record is { } source)
        {
            return source.UpdatedAt;
        }

        DateTimeOffset? newest = null;
        for (var s = 1; s < copies.Count; s++)
        {
            if (copies[s]?.Record is { } target && (newest is null || target.UpdatedAt > newest))
            {
                newest = target.UpdatedAt;
            }
        }

        return newest;
    }

    /// <summary>
    /// True while <paramref name="at"/> is inside the lag window that starts at the order's time:
    /// the targets may not have caught up yet. A time in the future (clock skew) keeps the order
    /// pending until that time plus the window has passed.
    /// </summary>
    public static bool IsPending(DateTimeOffset? orderTime, TimeSpan lagWindow, DateTimeOffset at) =>
        orderTime is { } time && at < time + lagWindow;

    /// <summary>
    /// Whether an order is pending at <paramref name="at"/>, judged from every record the store holds
    /// for it (<paramref name="records"/>: system → its copies), choosing copies the way a run does:
    /// the latest valid copy per system, and an unreadable source when any source copy is quarantined.
    /// </summary>
    public static bool IsPending(
        IReadOnlyList<string> systems, Func<string, IReadOnlyList<StoredRecord>> records, TimeSpan lagWindow, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(records);
        var copies = new StoredRecord?[systems.Count];
        var sourceUnreadable = false;
        for (var s = 0; s < systems.Count; s++)
        {
            foreach (var record in records(systems[s]))
            {
                if (record.Quarantined || record.Record is null)
                {
                    sourceUnreadable |= s == 0;
                }
                else if (copies[s] is not { } current || record.ReceivedAt > current.ReceivedAt)
                {
                    copies[s] = record;
                }
            }
        }

        return IsPending(Of(copies, sourceUnreadable), lagWindow, at);
    }
}
