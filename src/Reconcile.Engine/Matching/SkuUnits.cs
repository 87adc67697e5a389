using System.Globalization;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>
/// The units of one SKU across an order's lines: unit price → quantity at that price, in ascending price.
/// Lines of one SKU at one price add up, so two lines of 1 × 25.00 equal one line of 2 × 25.00.
/// </summary>
internal sealed class SkuUnits
{
    private readonly SortedDictionary<decimal, decimal> _byPrice = [];

    public decimal Quantity { get; private set; }

    /// <summary>Σ quantity × unit price.</summary>
    public decimal Amount { get; private set; }

    /// <summary>SKU → its units, in first-seen SKU order (ordinal, ids are case-sensitive).</summary>
    public static Dictionary<string, SkuUnits> Of(IReadOnlyList<OrderLine> lines)
    {
        var bySku = new Dictionary<string, SkuUnits>(lines.Count, StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!bySku.TryGetValue(line.Sku, out var units))
            {
                units = new SkuUnits();
                bySku[line.Sku] = units;
            }

            units._byPrice[line.UnitPrice] = units._byPrice.GetValueOrDefault(line.UnitPrice) + line.Quantity;
            units.Quantity += line.Quantity;
            units.Amount += line.Quantity * line.UnitPrice;
        }

        return bySku;
    }

    /// <summary>
    /// Matches units price by price within <paramref name="tolerance"/> (both lists ascending, so a greedy walk
    /// pairs them). Returns null when every unit of the smaller side found a price; otherwise the value at risk.
    /// </summary>
    public decimal? PriceDifference(SkuUnits other, decimal tolerance)
    {
        var mine = _byPrice.Select(p => (Price: p.Key, Left: p.Value)).ToList();
        var theirs = other._byPrice.Select(p => (Price: p.Key, Left: p.Value)).ToList();
        var (i, j) = (0, 0);
        while (i < mine.Count && j < theirs.Count)
        {
            if (Math.Abs(mine[i].Price - theirs[j].Price) <= tolerance)
            {
                var paired = Math.Min(mine[i].Left, theirs[j].Left);
                mine[i] = (mine[i].Price, mine[i].Left - paired);
                theirs[j] = (theirs[j].Price, theirs[j].Left - paired);
                i += mine[i].Left == 0 ? 1 : 0;
                j += theirs[j].Left == 0 ? 1 : 0;
            }
            else if (mine[i].Price < theirs[j].Price)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        // With unequal quantities, units left over on the larger side are the quantity finding's business;
        // only a unit of the smaller side without its price on the other side is a price difference.
        var unpriced = Quantity <= other.Quantity ? mine.Sum(p => p.Left) : theirs.Sum(p => p.Left);
        if (unpriced == 0m)
        {
            return null;
        }

        // The value at risk pairs the unmatched units cheapest first: Σ units × |price difference|.
        var atRisk = 0m;
        var (a, b) = (mine.Where(p => p.Left > 0).ToList(), theirs.Where(p => p.Left > 0).ToList());
        (i, j) = (0, 0);
        while (i < a.Count && j < b.Count)
        {
            var paired = Math.Min(a[i].Left, b[j].Left);
            atRisk += paired * Math.Abs(a[i].Price - b[j].Price);
            a[i] = (a[i].Price, a[i].Left - paired);
            b[j] = (b[j].Price, b[j].Left - paired);
            i += a[i].Left == 0 ? 1 : 0;
            j += b[j].Left == 0 ? 1 : 0;
        }

        return atRisk;
    }

    public string Describe() =>
        Quantity.ToString(CultureInfo.InvariantCulture) + " × " + DescribePrices();

    /// <summary>The prices, e.g. "25.00" or "1 × 50.00 + 1 × 40.00" when the SKU sells at several.</summary>
    public string DescribePrices() => _byPrice.Count == 1
        ? _byPrice.Keys.First().ToString(CultureInfo.InvariantCulture)
        : string.Join(" + ", _byPrice.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} ({p.Value})")));
}
