using Reconcile.Engine.Records;

namespace Reconcile.Reconciliation.Connectors;

/// <summary>Wraps a connector with configured faults: fails the first writes, or drops writes so they never verify.</summary>
public sealed class FaultInjectingConnector(IRecordConnector inner, ConnectorFaultOptions faults) : IRecordConnector
{
    private int _failuresLeft = faults?.FailWrites ?? 0;

    public string System => inner.System;

    public Task<IReadOnlyList<OrderRecord>> ReadRecordsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
        inner.ReadRecordsAsync(changedSince, cancellationToken);

    public Task<ConnectorWriteResult> WriteRecordAsync(OrderRecord record, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new ConnectorException($"{System} answered 503 Service Unavailable (injected fault)", transient: true);
        }

        return faults.DropWrites
            ? Task.FromResult(new ConnectorWriteResult(true, $"{System} answered 202 Accepted (injected fault: the write is dropped)"))
            : inner.WriteRecordAsync(record, idempotencyKey, cancellationToken);
    }

    public Task<OrderRecord?> ReadRecordAsync(string orderId, CancellationToken cancellationToken) =>
        inner.ReadRecordAsync(orderId, cancellationToken);
}
