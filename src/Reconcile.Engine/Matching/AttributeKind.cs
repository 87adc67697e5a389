namespace Reconcile.Engine.Matching;

internal enum AttributeKind
{
    CustomerId,
    Currency,
    Total,
    Subtotal,
    Discount,
    Tax,
    PromoCode,
    Status,
    Campaign,
    Region,
    Lines,
}
