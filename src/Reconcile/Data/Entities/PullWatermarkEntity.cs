namespace Reconcile.Data.Entities;

/// <summary>
/// A pulled system's watermark: the newest <c>updatedAt</c> that a complete pull read and stored. The next pull
/// asks for changes since it, less the overlap. Kept per system, so it survives restarts and is shared by replicas.
/// </summary>
public sealed class PullWatermarkEntity
{
    public required string System { get; set; }

    public DateTimeOffset Watermark { get; set; }

    /// <summary>The pull that last moved it.</summary>
    public long PullId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
