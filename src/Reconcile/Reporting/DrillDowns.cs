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
        // One pass with a tally per key: a week at scale raises tens of thousands of exceptions over three dimensions.
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var exception in raised)
        {
            foreach (var key in Keys(dimension, sources.GetValueOrDefault((exception.Flow, exception.OrderId))))
            {
                if (!tallies.TryGetValue(key, out var tally))
                {
                    tallies[key] = tally = new Tally();
                }

                tally.Add(exception, asOf);
            }
        }

        return [.. tallies
            .Select(t => new DrillDownRow(t.Key, t.Value.Exceptions, t.Value.Orders.Count, t.Value.Open, t.Value.ValueAtRisk))
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

    private sealed class Tally
    {
        public int Exceptions { get; private set; }

        public int Open { get; private set; }

        public decimal ValueAtRisk { get; private set; }

        /// <summary>Distinct (flow, order id) pairs.</summary>
        public HashSet<(string, string)> Orders { get; } = [];

        public void Add(ExceptionEntity exception, DateTimeOffset asOf)
        {
            Exceptions++;
            Orders.Add((exception.Flow, exception.OrderId));
            Open += FiguresCalculator.IsOpenAt(exception, asOf) ? 1 : 0;
            ValueAtRisk += exception.ValueAtRisk;
        }
    }
}
