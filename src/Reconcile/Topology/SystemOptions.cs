namespace Reconcile.Topology;

/// <summary>A named source of order records (shop, crm, billing, …).</summary>
public sealed class SystemOptions
{
    public string Owner { get; set; } = "";
    public string? IngestToken { get; set; }

    /// <summary>The system's field name → the canonical name (e.g. promo_tag → promoCode).</summary>
    public Dictionary<string, string> FieldMap { get; set; } = [];

    public ConnectorOptions? Connector { get; set; }

    /// <summary>Silence longer than this during business hours raises stale_source; null: never checked.</summary>
    public TimeSpan? FreshnessWindow { get; set; }
}
