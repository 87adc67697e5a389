using Reconcile.Engine.Records;

namespace Reconcile.Reconciliation.Connectors;

/// <summary>
/// How Reconcile reaches one system to replay into it: write the authoritative values (carrying an idempotency key,
/// so a retried write is applied at most once), and read one order back to verify.
/// </summary>
public interface IRecordConnector
{
    string System { get; }

    /// <summary>True when every call already runs under its own retries (the HTTP pipeline), so a replay must not retry on top.</summary>
    bool RetriesItself { get; }

    /// <summary>
    /// Why a write of <paramref name="fields"/> (canonical names) cannot be made, decided before any value is known and
    /// before anything is sent (no Create for a missing order, a field the mapping cannot write back); null when it can.
    /// </summary>
    string? WhyCannotWrite(IReadOnlyList<string> fields, bool create);

    /// <summary>
    /// Writes (or, with <see cref="ConnectorWrite.Create"/>, creates) the order. Throws <see cref="ConnectorException"/> when
    /// the system refuses or cannot be reached, and (not transient, nothing sent) when a value cannot be written back.
    /// </summary>
    Task<ConnectorWriteResult> WriteRecordAsync(ConnectorWrite write, CancellationToken cancellationToken);

    /// <summary>The system's current copy of the order, or null when it has none; <paramref name="externalId"/> is the system's own id when known.</summary>
    Task<OrderRecord?> ReadRecordAsync(string orderId, string? externalId, CancellationToken cancellationToken);
}
