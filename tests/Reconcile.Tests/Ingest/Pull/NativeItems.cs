using System.Globalization;

namespace Reconcile.Tests.Ingest.Pull;

/// <summary>List items built by hand in the shapes of the three vendors' APIs (see examples/systems/).</summary>
public static class NativeItems
{
    /// <summary>A Shopify-style order (money as decimal strings, updated_at with the shop's offset).</summary>
    public static string ShopOrder(int number, string updatedAt = "2026-11-20T05:00:00-05:00") => $$"""
        {"id":{{6201234567890000000L + number}},"name":"#{{number}}","order_number":{{number}},"currency":"USD",
         "subtotal_price":"100.00","total_discounts":"0.00","total_tax":"0.00","total_price":"100.00",
         "financial_status":"paid","discount_codes":[],"customer":{"id":70},
         "created_at":"2026-11-19T04:30:00-05:00","updated_at":"{{updatedAt}}",
         "line_items":[{"id":1,"sku":"SKU-1","quantity":1,"price":"100.00"}]}
        """;

    /// <summary>A HubSpot-style deal (every property a string).</summary>
    public static string Deal(int orderId, string updatedAt = "2026-11-20T10:00:00.123Z") => $$$"""
        {"id":"{{{9000 + orderId}}}","properties":{"order_id":"{{{orderId}}}","amount":"100.00","dealstage":"closedwon",
         "hs_lastmodifieddate":"{{{updatedAt}}}"},"createdAt":"2026-11-19T08:00:00.000Z","updatedAt":"{{{updatedAt}}}","archived":false}
        """;

    /// <summary>A Stripe-style invoice (integer minor units, unix seconds).</summary>
    public static string Invoice(int orderId, long paidAt = 1763636400) => $$"""
        {"id":"in_{{orderId}}","object":"invoice","customer":"cus_1","currency":"usd","subtotal":10000,"tax":0,"total":10000,
         "status":"paid","created":1763632800,"status_transitions":{"paid_at":{{paidAt.ToString(CultureInfo.InvariantCulture)}}},
         "metadata":{"order_id":"{{orderId}}"},"lines":{"object":"list","has_more":false,"data":[]} }
        """;
}
