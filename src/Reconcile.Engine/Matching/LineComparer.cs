using System.Globalization;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>
/// Compares line items as a multiset per SKU: the total quantity of each SKU exactly, and the units at each
/// unit price within the money tolerance. Order, splitting (two lines of 1) and merging (one line of 2) do not
/// matter; fewer units in a target than the authority holds is a partial sync, any other difference a mismatch.
/// </summary>
internal static class LineComparer
{
    public static void Compare(OrderContext context, int authority, int system)
    {
        var expected = context.Current[authority]!;
        var actual = context.Current[system]!;
        var want = expected.Record!.Lines;
        var got = actual.Record!.Lines;
        if (want.Count > 0 && got.Count == 0 && system != 0)
        {
            // The base order arrived without its lines: a partial sync, reported once, not per SKU.
            context.Add(AttributeComparer.Mismatch(
                context, FindingType.PartialSync, "lines", authority, expected, system, actual,
                Describe(want), null, context.OrderTotal(actual)));
            return;
        }

        // Most orders agree line for line: the same lines in the same order cannot differ as multisets either.
        if (SameLines(want, got))
        {
            return;
        }

        var wanted = SkuUnits.Of(want);
        var gotten = SkuUnits.Of(got);
        foreach (var (sku, units) in wanted)
        {
            if (!gotten.TryGetValue(sku, out var match))
            {
                Report(context, $"lines[{sku}]", authority, system, units.Describe(), null, units.Amount, missingUnits: true);
                continue;
            }

            if (units.Quantity != match.Quantity)
            {
                Report(context, $"lines[{sku}].quantity", authority, system, Format(units.Quantity), Format(match.Quantity),
                    Math.Abs(units.Amount - match.Amount), missingUnits: match.Quantity < units.Quantity);
            }

            if (units.PriceDifference(match, context.Tolerance) is { } atRisk)
            {
                Report(context, $"lines[{sku}].unitPrice", authority, system, units.DescribePrices(), match.DescribePrices(), atRisk,
                    missingUnits: false);
            }
        }

        foreach (var (sku, units) in gotten)
        {
            if (!wanted.ContainsKey(sku))
            {
                Report(context, $"lines[{sku}]", authority, system, null, units.Describe(), units.Amount, missingUnits: false);
            }
        }
    }

    private static void Report(
        OrderContext context, string attribute, int authority, int system, string? want, string? got, decimal valueAtRisk, bool missingUnits)
    {
        // Units the target never received did not sync; a target that holds other units or prices is wrong.
        var type = missingUnits && system != 0 ? FindingType.PartialSync : AttributeComparer.MismatchType(context, authority, system);
        context.Add(AttributeComparer.Mismatch(
            context, type, attribute, authority, context.Current[authority]!, system, context.Current[system]!,
            want, got, valueAtRisk));
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(IReadOnlyList<OrderLine> lines) =>
        string.Join(", ", lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Sku} {l.Quantity} × {l.UnitPrice}")));

    private static bool SameLines(IReadOnlyList<OrderLine> want, IReadOnlyList<OrderLine> got)
    {
        if (want.Count != got.Count)
        {
            return false;
        }

        for (var i = 0; i < want.Count; i++)
        {
            // decimal equality ignores scale (25.0 == 25.00), as the multiset comparison does.
            if (!string.Equals(want[i].Sku, got[i].Sku, StringComparison.Ordinal) || want[i].Quantity != got[i].Quantity || want[i].UnitPrice != got[i].UnitPrice)
            {
                return false;
            }
        }

        return true;
    }
}
