namespace Reconcile.Topology;

/// <summary>
/// A system's own webhooks at <c>POST /api/systems/{system}/webhook</c> (<c>Systems:&lt;name&gt;:Webhook</c>).
/// The signature is checked over the raw body before it is parsed.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary><c>shopify</c>, <c>stripe</c>, <c>hubspot-v3</c>, <c>hmac-sha256</c> or <c>none</c> (then the system's ingest token is required).</summary>
    public string Signature { get; set; } = "";

    /// <summary>The signing secret (Shopify app secret, Stripe <c>whsec_…</c>, HubSpot client secret); from the environment, never committed.</summary>
    public string? Secret { get; set; }

    /// <summary>For <c>hmac-sha256</c>: the header holding the signature (e.g. <c>X-Hub-Signature-256</c>).</summary>
    public string? Header { get; set; }

    /// <summary>For <c>hmac-sha256</c>: <c>hex</c> (default) or <c>base64</c>.</summary>
    public string Encoding { get; set; } = "hex";

    /// <summary>For <c>hmac-sha256</c>: text before the signature in the header, e.g. <c>sha256=</c>.</summary>
    public string? Prefix { get; set; }

    /// <summary>How old a signed timestamp may be (<c>stripe</c>, <c>hubspot-v3</c>); default 5 minutes.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>For <c>hubspot-v3</c>: the URL registered with HubSpot when a proxy changes the one the service sees.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Where the records are in the body: a pointer to one object or an array (Stripe: <c>/data/object</c>). Default: the body itself.</summary>
    public string? ItemPointer { get; set; }

    /// <summary>A header whose value is the same on every retry of a delivery (Shopify: <c>X-Shopify-Webhook-Id</c>).</summary>
    public string? DeliveryIdHeader { get; set; }

    /// <summary>A pointer into the body to the delivery's id (Stripe: the event id <c>/id</c>).</summary>
    public string? DeliveryIdPointer { get; set; }
}
