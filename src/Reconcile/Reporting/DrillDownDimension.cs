namespace Reconcile.Reporting;

/// <summary>What a drill-down groups the exceptions' orders by (read from the orders' source records).</summary>
public enum DrillDownDimension
{
    Campaign,
    Sku,
    Region,
}
