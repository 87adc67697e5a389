namespace Reconcile.Topology;

/// <summary>
/// A system's pull: GET <see cref="Path"/> on <see cref="Schedule"/> (Quartz cron), items at
/// <see cref="ItemsPointer"/> mapped like its webhooks, changes since a persisted watermark
/// (<see cref="Since"/>), page after page (<see cref="Paging"/>) up to <see cref="MaxPages"/>.
/// </summary>
public sealed class ConnectorPullOptions
{
    public string Path { get; set; } = "";

    /// <summary>Quartz cron expression in the business time zone; null: on demand only.</summary>
    public string? Schedule { get; set; }

    /// <summary>JSON Pointer to the array of items in each page; empty: the page is the array.</summary>
    public string ItemsPointer { get; set; } = "";

    public ConnectorSinceOptions? Since { get; set; }
    public ConnectorPagingOptions? Paging { get; set; }

    /// <summary>A pull stops (partial, watermark unmoved past what it read) after this many pages.</summary>
    public int MaxPages { get; set; } = 1000;

    /// <summary>Subtracted from the watermark so a record updated at the boundary is read again rather than missed.</summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(2);
}
