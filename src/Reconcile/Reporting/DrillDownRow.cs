namespace Reconcile.Reporting;

/// <summary>
/// Exceptions raised in the period whose order has this campaign, SKU or region. An order with two SKUs
/// counts under each; an order with no source record (an orphan) counts under <see cref="Unknown"/>.
/// </summary>
public sealed record DrillDownRow(string Key, int Exceptions, int Orders, int Open, decimal ValueAtRisk)
{
    public const string Unknown = "(unknown)";
}
