using Reconcile.Data.Entities;

namespace Reconcile.Reporting;

/// <summary>Groups the period's exceptions by a property of their order's source record.</summary>
internal static class DrillDowns
{
    public static IReadOnlyList<DrillDownRow> Rows(
        DrillDownDimension dimension,
        IReadOnlyList<ExceptionEntity> raised,
        IReadOnlyDictionary<(string Flow, string OrderId), SourceOrder> sources,
        DateTimeOffset asOf)
    {
        var keyed = raised.SelectMany(e => Keys(dimension, sources.GetValueOrDefault((e.Flow, e.OrderId))).Select(key => (Key: key, Exception: e)));
        return [.. keyed
            .GroupBy(k => k.Key, StringComparer.Ordinal)
            .Select(g => new DrillDownRow(
                g.Key,
                g.Count(),
                g.Select(k => (k.Exception.Flow, k.Exception.OrderId)).Distinct().Count(),
                g.Count(k => FiguresCalculator.IsOpenAt(k.Exception, asOf)),
                g.Sum(k => k.Exception.ValueAtRisk)))
            .OrderByDescending(r => r.Exceptions)
            .ThenByDescending(r => r.ValueAtRisk)
            .ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    private static List<string> Keys(DrillDownDimension dimension, SourceOrder? order)
    {
        if (order is null)
        {
            return [DrillDownRow.Unknown];
        }

        var keys = dimension switch
        {
            DrillDownDimension.Campaign => [order.Campaign],
            DrillDownDimension.Region => [order.Region],
            _ => order.Skus.Cast<string?>().ToList(),
        };
        var present = keys.Where(k => !string.IsNullOrEmpty(k)).Select(k => k!).ToList();
        return present.Count == 0 ? [DrillDownRow.Unknown] : present;
    }
}
