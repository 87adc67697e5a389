namespace Reconcile.Data.Entities;

/// <summary>
/// A webhook delivery already taken in, keyed by (system, the sender's delivery or event id): a retry of it is
/// acknowledged and not stored again, across restarts and replicas.
/// </summary>
public sealed class WebhookDeliveryEntity
{
    public required string System { get; set; }

    /// <summary>The sender's id for the delivery (Shopify's <c>X-Shopify-Webhook-Id</c>, a Stripe event id, …).</summary>
    public required string DeliveryId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public int Accepted { get; set; }

    public int Quarantined { get; set; }
}
