namespace Reconcile.Engine.Reference;

/// <summary>
/// Customers, products and promotions the checks look things up in. A kind with nothing loaded
/// is not checked at all, so a fresh install does not flag every order.
/// </summary>
public sealed class ReferenceData
{
    public ReferenceData(
        IEnumerable<string>? customerIds = null,
        IEnumerable<Product>? products = null,
        IEnumerable<Promotion>? promotions = null)
    {
        CustomerIds = new HashSet<string>(customerIds ?? [], StringComparer.Ordinal);
        Products = (products ?? []).ToDictionary(p => p.Sku, StringComparer.Ordinal);
        Promotions = (promotions ?? []).ToDictionary(p => p.Code, StringComparer.Ordinal);
    }

    public static ReferenceData Empty { get; } = new();

    public IReadOnlySet<string> CustomerIds { get; }

    public IReadOnlyDictionary<string, Product> Products { get; }

    public IReadOnlyDictionary<string, Promotion> Promotions { get; }

    public bool ChecksCustomers => CustomerIds.Count > 0;

    public bool ChecksProducts => Products.Count > 0;

    public bool ChecksPromotions => Promotions.Count > 0;
}
