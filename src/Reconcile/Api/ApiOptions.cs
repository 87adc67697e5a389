namespace Reconcile.Api;

public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Bearer token for writes and admin reads. Empty: those endpoints answer 401.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Largest request body accepted by the ingest and reference endpoints.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Webhook deliveries handled at once; more wait in <see cref="WebhookQueue"/>. SQLite has one writer, so more buys no speed.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int WebhookConcurrency { get; set; } = 32;

    /// <summary>
    /// Webhook deliveries that may wait for a slot; past it a delivery is refused at once with 503 and
    /// <c>Retry-After</c> (its sender retries it), so an overload cannot queue without bound until memory runs out.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(0, 1_000_000)]
    public int WebhookQueue { get; set; } = 1_000;
}
