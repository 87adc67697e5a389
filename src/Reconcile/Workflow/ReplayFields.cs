using Reconcile.Data.Entities;
using Reconcile.Engine.Flows;
using Reconcile.Topology;

namespace Reconcile.Workflow;

/// <summary>
/// Which canonical fields a replay writes: the exception's own attribute when it names one (a promo mismatch writes
/// the promo code, nothing else); otherwise — a missing order, a partial sync of the whole record — every attribute
/// the flow compares.
/// </summary>
public static class ReplayFields
{
    public static IReadOnlyList<string> For(ExceptionEntity exception, FlowCatalog flows)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(flows);
        if (exception.Attribute is { } attribute && OrderAttributes.All.Contains(attribute))
        {
            return [attribute];
        }

        return flows.Exists(exception.Flow) && flows.Options(exception.Flow).Compare.Count > 0
            ? flows.Options(exception.Flow).Compare
            : OrderAttributes.All;
    }
}
