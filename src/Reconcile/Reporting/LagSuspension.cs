using Reconcile.Data;

namespace Reconcile.Reporting;

/// <summary>
/// A bulk load's hold on the figures' lag rows (<see cref="OrderLagMaintainer.Suspend"/>): the flows its batches
/// marked unbuilt, rebuilt once by <see cref="RebuildAsync"/>. Disposing ends the hold; flows not rebuilt by then
/// stay unbuilt until the next start or figures request builds them.
/// </summary>
public sealed class LagSuspension : IDisposable
{
    private readonly OrderLagMaintainer _maintainer;
    private readonly Action _release;

    internal LagSuspension(OrderLagMaintainer maintainer, Action release)
    {
        _maintainer = maintainer;
        _release = release;
    }

    /// <summary>The flows (by name) whose rows the load's batches left to the rebuild.</summary>
    public ISet<string> Flows { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Rebuilds the suspended flows from all their records, even when something built one since a batch marked it
    /// (a figures request between two batches built it from the records stored up to then). <paramref name="alongside"/>
    /// (null for none) is work of the writer's in the same transaction that leaves the records as they are; on a SQLite
    /// file in WAL mode the records are read on a second connection while it runs.
    /// </summary>
    public Task RebuildAsync(ReconcileDbContext db, Func<CancellationToken, Task>? alongside, CancellationToken cancellationToken) =>
        _maintainer.RebuildAsync(db, [.. Flows], alongside, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _release();
}
