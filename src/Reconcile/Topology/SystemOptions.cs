namespace Reconcile.Topology;

/// <summary>A named source of order records (shop, crm, billing, …).</summary>
public sealed class SystemOptions
{
    public string Owner { get; set; } = "";
    public string? IngestToken { get; set; }

    /// <summary>The system's field name → the canonical name (e.g. promo_tag → promoCode).</summary>
    public Dictionary<string, string> FieldMap { get; set; } = [];

    public ConnectorOptions? Connector { get; set; }

    /// <summary>Canonical field → how to read it from the system's own JSON; empty: payloads are canonical (with <see cref="FieldMap"/>).</summary>
    public Dictionary<string, FieldMappingOptions> Mapping { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The system's own signed webhooks; null: the webhook endpoint answers 404 for this system.</summary>
    public WebhookOptions? Webhook { get; set; }

    /// <summary>For CSV imports through <see cref="Mapping"/>: a column header → the JSON Pointer its value stands for.</summary>
    public Dictionary<string, string> CsvColumns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Silence longer than this during business hours raises stale_source; null: never checked.</summary>
    public TimeSpan? FreshnessWindow { get; set; }
}
