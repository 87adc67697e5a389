using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Records;
using Reconcile.Hosting;

namespace Reconcile.Reconciliation;

/// <summary>
/// Loads what a run examines. An incremental run reads only the orders changed since the watermark,
/// so it costs what changed, not what is stored; a full run streams every order in id ranges, so
/// memory stays bounded by the range, not by history.
/// </summary>
public sealed class RecordSnapshotLoader(ReconcileDbContext db)
{
    private const int Chunk = 500;
    private const int OrdersPerRange = 20_000;

    public async Task<RecordSnapshot> LoadChangedAsync(IReadOnlyList<string> systems, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = db.Records.AsNoTracking().Where(r => systems.Contains(r.System));
        var changed = await query.Where(r => r.ReceivedAt > since).Select(r => r.OrderId).Distinct().ToListAsync(cancellationToken);
        var rows = new List<RecordRow>();
        foreach (var chunk in changed.Chunk(Chunk))
        {
            rows.AddRange(await query.Where(r => chunk.Contains(r.OrderId))
                .Select(r => new RecordRow(r.System, r.OrderId, r.ExternalId, r.Payload, r.Quarantined ? r.RawPayload : "", r.ReceivedAt, r.Quarantined, r.QuarantineReason))
                .ToListAsync(cancellationToken));
        }

        return RecordSnapshot.Build(rows);
    }

    public async IAsyncEnumerable<RecordSnapshot> StreamAllAsync(
        IReadOnlyList<string> systems, IProgress<WorkProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var orderIds = await db.Records.AsNoTracking().Where(r => systems.Contains(r.System))
            .Select(r => r.OrderId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            for (var start = 0; start < orderIds.Count; start += OrdersPerRange)
            {
                var last = orderIds[Math.Min(start + OrdersPerRange, orderIds.Count) - 1];
                yield return RecordSnapshot.Build(await ReadRangeAsync(connection, systems, orderIds[start], last, cancellationToken));
                // Resumed once the caller has reconciled the range: these orders are done.
                progress?.Report(new WorkProgress(Math.Min(start + OrdersPerRange, orderIds.Count), orderIds.Count));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<List<RecordRow>> ReadRangeAsync(DbConnection connection, IReadOnlyList<string> systems, string first, string last, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var names = systems.Select((_, i) => $"@s{i}").ToList();
        command.CommandText = $"""
            SELECT "System", "OrderId", "ExternalId", "Payload", CASE WHEN "Quarantined" THEN "RawPayload" ELSE '' END, "ReceivedAt", "Quarantined", "QuarantineReason"
            FROM records WHERE "System" IN ({string.Join(", ", names)}) AND "OrderId" >= @first AND "OrderId" <= @last
            """;
        for (var i = 0; i < systems.Count; i++)
        {
            AddParameter(command, names[i], systems[i]);
        }

        AddParameter(command, "@first", first);
        AddParameter(command, "@last", last);
        var toInstant = ReceivedAtReader.For(db);
        var rows = new List<RecordRow>(OrdersPerRange * systems.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RecordRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), toInstant(reader, 5), reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return rows;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
