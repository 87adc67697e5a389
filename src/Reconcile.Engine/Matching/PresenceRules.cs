using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Matching;

/// <summary>
/// Silent drops (missing in a target) and orphans (in a target, not in the source). The caller runs
/// these only for an order outside the lag window (<see cref="OrderClock"/>).
/// </summary>
internal static class PresenceRules
{
    public static void CheckMissing(OrderContext context)
    {
        var source = context.Source!;
        var systems = context.Flow.Systems;
        for (var t = 1; t < systems.Length; t++)
        {
            if (context.Current[t] is null && !context.Blocked[t])
            {
                context.Add(context.Factory.Create(
                    FindingType.MissingInTarget, t, null, "present", null, context.OrderTotal(null), source, null,
                    $"presence: in {systems[0]} (updated {source.Record!.UpdatedAt.ToUniversalTime():u}), absent in {systems[t]}",
                    $"Replay {systems[t]} from {systems[0]}: create order {context.OrderId}."));
            }
        }
    }

    public static void CheckOrphans(OrderContext context)
    {
        // A quarantined source copy means the order exists; the targets are not orphans.
        if (context.Blocked[0])
        {
            return;
        }

        var systems = context.Flow.Systems;
        for (var t = 1; t < systems.Length; t++)
        {
            var target = context.Current[t];
            if (target is not null)
            {
                context.Add(context.Factory.Create(
                    FindingType.OrphanInTarget, t, null, null, "present", context.OrderTotal(target), null, target,
                    $"presence: in {systems[t]} (updated {target.Record!.UpdatedAt.ToUniversalTime():u}), absent in {systems[0]}",
                    $"Check whether order {context.OrderId} exists in {systems[0]}; re-send it from {systems[0]} " +
                    $"or void it in {systems[t]}."));
            }
        }
    }
}
