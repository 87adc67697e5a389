using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Records;
using Reconcile.Ingest;

namespace Reconcile.Reconciliation.Connectors;

/// <summary>
/// A system whose records live in Reconcile's own store (the simulator, the demo, systems that push):
/// reads the records table, and writes through <see cref="RecordStore"/> so the replaced copy goes to history.
/// </summary>
public sealed class InProcessRecordConnector(string system, IServiceScopeFactory scopes) : IRecordConnector
{
    private readonly ConcurrentDictionary<string, ConnectorWriteResult> _applied = new(StringComparer.Ordinal);

    public string System => system;

    public async Task<IReadOnlyList<OrderRecord>> ReadRecordsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var payloads = await db.Records.AsNoTracking()
            .Where(r => r.System == system && !r.Quarantined && r.Payload != null && (changedSince == null || r.ReceivedAt >= changedSince))
            .Select(r => r.Payload!).ToListAsync(cancellationToken);
        return [.. payloads.Select(CanonicalJson.Deserialize)];
    }

    public async Task<ConnectorWriteResult> WriteRecordAsync(OrderRecord record, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_applied.TryGetValue(idempotencyKey, out var earlier))
        {
            return earlier with { Duplicate = true };
        }

        await using var scope = scopes.CreateAsyncScope();
        using var payload = JsonDocument.Parse(CanonicalJson.Serialize(record));
        var result = await scope.ServiceProvider.GetRequiredService<RecordStore>().StoreAsync(system, [payload.RootElement], null, cancellationToken, correction: true);
        var written = new ConnectorWriteResult(result.Accepted == 1, $"stored in {system}: accepted {result.Accepted}, quarantined {result.Quarantined}");
        if (!written.Accepted)
        {
            throw new ConnectorException($"{system} refused the record: {string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}", transient: false);
        }

        _applied[idempotencyKey] = written;
        return written;
    }

    public async Task<OrderRecord?> ReadRecordAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var payload = await db.Records.AsNoTracking()
            .Where(r => r.System == system && r.OrderId == orderId && !r.Quarantined && r.Payload != null)
            .OrderByDescending(r => r.ReceivedAt).Select(r => r.Payload).FirstOrDefaultAsync(cancellationToken);
        return payload is null ? null : CanonicalJson.Deserialize(payload);
    }
}
