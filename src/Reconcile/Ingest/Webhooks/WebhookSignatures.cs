namespace Reconcile.Ingest.Webhooks;

/// <summary>The signature schemes a system's <c>Webhook:Signature</c> may name.</summary>
public static class WebhookSignatures
{
    /// <summary>Base64 HMAC-SHA256 of the raw body in <c>X-Shopify-Hmac-Sha256</c> (shopify.dev, "Verify webhooks").</summary>
    public const string Shopify = "shopify";

    /// <summary>
    /// <c>Stripe-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;[,v1=…]</c>, HMAC-SHA256 of <c>"t.body"</c>, within the
    /// tolerance (docs.stripe.com, "Check the webhook signatures").
    /// </summary>
    public const string Stripe = "stripe";

    /// <summary>
    /// Base64 HMAC-SHA256 of <c>method + URI + body + timestamp</c> in <c>X-HubSpot-Signature-v3</c>, timestamp in
    /// <c>X-HubSpot-Request-Timestamp</c> (ms) within the tolerance (developers.hubspot.com, "Validating requests").
    /// </summary>
    public const string HubSpotV3 = "hubspot-v3";

    /// <summary>HMAC-SHA256 of the raw body in a configured header, hex or base64, after an optional prefix.</summary>
    public const string HmacSha256 = "hmac-sha256";

    /// <summary>No signature: the caller sends the system's ingest token as a bearer token.</summary>
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Shopify, Stripe, HubSpotV3, HmacSha256, None];

    /// <summary>The delivery-id header a scheme implies when none is configured (Shopify's id is the same on every retry).</summary>
    public static string? DefaultDeliveryIdHeader(string signature) => signature == Shopify ? "X-Shopify-Webhook-Id" : null;

    /// <summary>The delivery-id pointer a scheme implies when none is configured (a Stripe event's id).</summary>
    public static string? DefaultDeliveryIdPointer(string signature) => signature == Stripe ? "/id" : null;
}
