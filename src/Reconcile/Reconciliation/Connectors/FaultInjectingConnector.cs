using Reconcile.Engine.Records;

namespace Reconcile.Reconciliation.Connectors;

/// <summary>Wraps a connector with configured faults: fails the first writes, or drops writes so they never verify.</summary>
public sealed class FaultInjectingConnector(IRecordConnector inner, ConnectorFaultOptions faults) : IRecordConnector
{
    private int _failuresLeft = faults?.FailWrites ?? 0;

    public string System => inner.System;

    public bool RetriesItself => inner.RetriesItself;

    public string? WhyCannotWrite(IReadOnlyList<string> fields, bool create) => inner.WhyCannotWrite(fields, create);

    public Task<ConnectorWriteResult> WriteRecordAsync(ConnectorWrite write, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new ConnectorException($"{System} answered 503 Service Unavailable (injected fault)", transient: true);
        }

        return faults.DropWrites
            ? Task.FromResult(new ConnectorWriteResult(true, $"{System} answered 202 Accepted (injected fault: the write is dropped)"))
            : inner.WriteRecordAsync(write, cancellationToken);
    }

    public Task<OrderRecord?> ReadRecordAsync(string orderId, string? externalId, CancellationToken cancellationToken) =>
        inner.ReadRecordAsync(orderId, externalId, cancellationToken);
}
