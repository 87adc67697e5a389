namespace Reconcile.Ingest.Webhooks;

/// <summary>
/// One delivery as it arrived: the raw body bytes (signatures are over exactly these), the headers, the method and
/// the absolute URL it was sent to, and whether the caller presented the system's ingest token (for <c>none</c>).
/// </summary>
public sealed record WebhookDelivery(string System, IHeaderDictionary Headers, string Method, string Url, byte[] Body, bool IngestTokenValid);
