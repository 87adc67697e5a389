namespace Reconcile.Reporting;

/// <summary>The wire names of <see cref="DrillDownDimension"/>: <c>campaign</c>, <c>sku</c>, <c>region</c>.</summary>
public static class DrillDownDimensions
{
    public static IReadOnlyList<DrillDownDimension> All { get; } = [DrillDownDimension.Campaign, DrillDownDimension.Sku, DrillDownDimension.Region];

    public static string ToWireName(this DrillDownDimension dimension) => dimension switch
    {
        DrillDownDimension.Campaign => "campaign",
        DrillDownDimension.Sku => "sku",
        DrillDownDimension.Region => "region",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    public static bool TryParse(string? text, out DrillDownDimension dimension)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireName(), text, StringComparison.OrdinalIgnoreCase))
            {
                dimension = candidate;
                return true;
            }
        }

        dimension = default;
        return false;
    }
}
