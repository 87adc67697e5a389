namespace Reconcile.Ingest;

public static class ReferenceKind
{
    public const string Customers = "customers";
    public const string Products = "products";
    public const string Promotions = "promotions";

    public static readonly IReadOnlyList<string> All = [Customers, Products, Promotions];
}
