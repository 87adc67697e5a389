namespace Reconcile.Ingest.Pull;

/// <summary>
/// What one page became: valid records new or changed (<paramref name="Stored"/>), identical to the copy already held
/// (<paramref name="Unchanged"/>), quarantined, and the newest <c>updatedAt</c> among its valid records (null: none).
/// </summary>
public sealed record PageCounts(int Stored, int Unchanged, int Quarantined, DateTimeOffset? Newest);
