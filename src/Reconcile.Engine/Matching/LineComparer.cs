using System.Globalization;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>Compares line items by SKU: quantity exactly, unit price within the money tolerance.</summary>
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

        foreach (var line in want)
        {
            var match = Find(got, line.Sku);
            if (match is null)
            {
                Report(context, $"lines[{line.Sku}]", authority, system, Describe(line), null, line.Quantity * line.UnitPrice);
                continue;
            }

            if (match.Quantity != line.Quantity)
            {
                Report(context, $"lines[{line.Sku}].quantity", authority, system, Format(line.Quantity),
                    Format(match.Quantity), Math.Abs(line.Quantity - match.Quantity) * line.UnitPrice);
            }

            if (!AttributeValues.MoneyEquals(line.UnitPrice, match.UnitPrice, context.Tolerance))
            {
                Report(context, $"lines[{line.Sku}].unitPrice", authority, system, Format(line.UnitPrice),
                    Format(match.UnitPrice), Math.Abs(line.UnitPrice - match.UnitPrice) * line.Quantity);
            }
        }

        foreach (var line in got)
        {
            if (Find(want, line.Sku) is null)
            {
                Report(context, $"lines[{line.Sku}]", authority, system, null, Describe(line), line.Quantity * line.UnitPrice);
            }
        }
    }

    // Orders have a handful of lines: a linear scan beats building a dictionary per order.
    private static OrderLine? Find(IReadOnlyList<OrderLine> lines, string sku)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.Equals(lines[i].Sku, sku, StringComparison.Ordinal))
            {
                return lines[i];
            }
        }

        return null;
    }

    private static void Report(
        OrderContext context, string attribute, int authority, int system, string? want, string? got, decimal valueAtRisk)
    {
        var type = AttributeComparer.MismatchType(context, authority, system);
        context.Add(AttributeComparer.Mismatch(
            context, type, attribute, authority, context.Current[authority]!, system, context.Current[system]!,
            want, got, valueAtRisk));
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(OrderLine line) =>
        string.Create(CultureInfo.InvariantCulture, $"{line.Quantity} × {line.UnitPrice}");

    private static string Describe(IReadOnlyList<OrderLine> lines) =>
        string.Join(", ", lines.Select(l => $"{l.Sku} {Describe(l)}"));
}
