using Reconcile.Engine.Flows;

namespace Reconcile.Engine.Matching;

/// <summary>A flow turned into arrays once per run, so the per-order loop does no string lookups.</summary>
internal sealed class CompiledFlow
{
    public CompiledFlow(FlowDefinition flow)
    {
        Definition = flow;
        Systems = [flow.Source, .. flow.Targets];
        Owners = Array.ConvertAll(Systems, flow.OwnerOf);
        Attributes = new CompiledAttribute[flow.Compare.Count];
        for (var i = 0; i < Attributes.Length; i++)
        {
            var name = flow.Compare[i];
            var authority = Array.IndexOf(Systems, flow.AuthorityFor(name));
            Attributes[i] = new CompiledAttribute(name, Parse(name), Math.Max(authority, 0));
        }
    }

    public FlowDefinition Definition { get; }

    /// <summary>Index 0 is the source; the rest are the targets.</summary>
    public string[] Systems { get; }

    public string[] Owners { get; }

    public CompiledAttribute[] Attributes { get; }

    private static AttributeKind Parse(string name) => name switch
    {
        OrderAttributes.CustomerId => AttributeKind.CustomerId,
        OrderAttributes.Currency => AttributeKind.Currency,
        OrderAttributes.Total => AttributeKind.Total,
        OrderAttributes.Subtotal => AttributeKind.Subtotal,
        OrderAttributes.Discount => AttributeKind.Discount,
        OrderAttributes.Tax => AttributeKind.Tax,
        OrderAttributes.PromoCode => AttributeKind.PromoCode,
        OrderAttributes.Status => AttributeKind.Status,
        OrderAttributes.Campaign => AttributeKind.Campaign,
        OrderAttributes.Region => AttributeKind.Region,
        OrderAttributes.Lines => AttributeKind.Lines,
        _ => throw new ArgumentException(
            $"Unknown attribute '{name}' in Compare; expected one of {string.Join(", ", OrderAttributes.All)}."),
    };
}
