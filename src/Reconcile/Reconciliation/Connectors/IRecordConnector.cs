using Reconcile.Engine.Records;

namespace Reconcile.Reconciliation.Connectors;

/// <summary>
/// How Reconcile reaches one system: read its records, write one back (replay), and read one back to
/// verify. Writes carry an idempotency key so a retried write is applied at most once.
/// </summary>
public interface IRecordConnector
{
    string System { get; }

    Task<IReadOnlyList<OrderRecord>> ReadRecordsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="ConnectorException"/> when the system refuses or cannot be reached.</summary>
    Task<ConnectorWriteResult> WriteRecordAsync(OrderRecord record, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The system's current copy of the order, or null when it has none.</summary>
    Task<OrderRecord?> ReadRecordAsync(string orderId, CancellationToken cancellationToken);
}
