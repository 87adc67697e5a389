namespace Reconcile.Engine.Flows;

/// <summary>The attribute names a flow may compare (its <c>Compare</c> list).</summary>
public static class OrderAttributes
{
    public const string CustomerId = "customerId";
    public const string Currency = "currency";
    public const string Total = "total";
    public const string Subtotal = "subtotal";
    public const string Discount = "discount";
    public const string Tax = "tax";
    public const string PromoCode = "promoCode";
    public const string Status = "status";
    public const string Campaign = "campaign";
    public const string Region = "region";
    public const string Lines = "lines";

    public static IReadOnlyList<string> All { get; } =
        [CustomerId, Currency, Total, Subtotal, Discount, Tax, PromoCode, Status, Campaign, Region, Lines];

    public static bool IsMoney(string attribute) =>
        attribute is Total or Subtotal or Discount or Tax;
}
