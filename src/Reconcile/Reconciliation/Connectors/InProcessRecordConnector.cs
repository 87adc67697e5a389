using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Records;
using Reconcile.Ingest;

namespace Reconcile.Reconciliation.Connectors;

/// <summary>
/// A system whose records live in Reconcile's own store (the simulator, the demo, systems that push): writes
/// through <see cref="RecordStore"/> so the replaced copy goes to history, and reads the records table back.
/// A key whose replay attempt is already recorded as written is not applied again, across restarts.
/// </summary>
public sealed class InProcessRecordConnector(string system, IServiceScopeFactory scopes) : IRecordConnector
{
    public string System => system;

    public bool RetriesItself => false;

    public string? WhyCannotWrite(IReadOnlyList<string> fields, bool create) => null;

    public async Task<ConnectorWriteResult> WriteRecordAsync(ConnectorWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        if (await db.ReplayAttempts.AnyAsync(a => a.IdempotencyKey == write.IdempotencyKey && a.WrittenAt != null, cancellationToken))
        {
            return new ConnectorWriteResult(true, $"{system} already applied {write.IdempotencyKey}", Duplicate: true);
        }

        using var payload = JsonDocument.Parse(CanonicalJson.Serialize(write.Record));
        var result = await scope.ServiceProvider.GetRequiredService<RecordStore>().StoreAsync(system, [payload.RootElement], null, cancellationToken, correction: true);
        if (result.Accepted != 1)
        {
            throw new ConnectorException($"{system} refused the record: {string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}", transient: false);
        }

        return new ConnectorWriteResult(true, $"stored in {system}: accepted {result.Accepted}, quarantined {result.Quarantined}");
    }

    public async Task<OrderRecord?> ReadRecordAsync(string orderId, string? externalId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var payload = await db.Records.AsNoTracking()
            .Where(r => r.System == system && r.OrderId == orderId && !r.Quarantined && r.Payload != null)
            .OrderByDescending(r => r.ReceivedAt).Select(r => r.Payload).FirstOrDefaultAsync(cancellationToken);
        return payload is null ? null : CanonicalJson.Deserialize(payload);
    }
}
