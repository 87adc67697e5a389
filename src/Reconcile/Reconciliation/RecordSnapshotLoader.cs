using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Records;
using Reconcile.Hosting;

namespace Reconcile.Reconciliation;

/// <summary>
/// Loads what a run examines, from typed columns (<see cref="StoredRecordReader"/>): no JSON is parsed. An incremental
/// run reads only the orders changed since the watermark, so it costs what changed, not what is stored; a full run
/// streams every order in id ranges, reading the next range while the caller reconciles this one (two cores), so
/// memory stays bounded by two ranges, not by history.
/// </summary>
public sealed class RecordSnapshotLoader(ReconcileDbContext db)
{
    private const int Chunk = 500;
    private const int OrdersPerRange = 20_000;

    /// <summary>
    /// The orders an incremental run examines: those with a record received after <paramref name="receivedAfter"/>
    /// (the watermark is by arrival), and those carried from earlier runs because they were still pending — any
    /// record whose own updatedAt is after <paramref name="updatedAfter"/> (the last run's time minus the lag window,
    /// so every order inside the window then, whatever it arrived, is looked at again once its window has passed).
    /// </summary>
    public async Task<RecordSnapshot> LoadChangedAsync(
        IReadOnlyList<string> systems, DateTimeOffset receivedAfter, DateTimeOffset updatedAfter, CancellationToken cancellationToken)
    {
        var query = db.Records.AsNoTracking().Where(r => systems.Contains(r.System));
        var changed = await query.Where(r => r.ReceivedAt > receivedAfter).Select(r => r.OrderId).Distinct().ToListAsync(cancellationToken);
        var carried = await query.Where(r => r.OrderUpdatedAt > updatedAfter).Select(r => r.OrderId).Distinct().ToListAsync(cancellationToken);
        changed = [.. changed.Union(carried, StringComparer.Ordinal)];
        return await LoadOrdersAsync(systems, changed, cancellationToken);
    }

    /// <summary>The stored records of these orders in these systems (e.g. orders a confirming read just stored), from typed columns.</summary>
    public async Task<RecordSnapshot> LoadOrdersAsync(IReadOnlyList<string> systems, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        var rows = new List<StoredRecord>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var reader = new StoredRecordReader(db);
            foreach (var chunk in orderIds.Chunk(Chunk))
            {
                await using var command = connection.CreateCommand();
                var names = chunk.Select((_, i) => $"@o{i}").ToList();
                command.CommandText = $"""SELECT {StoredRecordReader.Columns} FROM records WHERE "System" IN ({SystemsList(command, systems)}) AND "OrderId" IN ({string.Join(", ", names)})""";
                for (var i = 0; i < chunk.Length; i++)
                {
                    AddParameter(command, names[i], chunk[i]);
                }

                await ReadAsync(command, reader, rows, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return RecordSnapshot.Build(rows);
    }

    /// <summary>Every order of the flow's systems, range by range in the database's order of order ids.</summary>
    public async IAsyncEnumerable<RecordSnapshot> StreamAllAsync(
        IReadOnlyList<string> systems, IProgress<WorkProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var orderIds = await db.Records.AsNoTracking().Where(r => systems.Contains(r.System))
            .Select(r => r.OrderId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        // One range read ahead: the database read of the next range overlaps the engine's work on this one.
        var ranges = Channel.CreateBounded<RecordSnapshot>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadRangesAsync(systems, orderIds, ranges.Writer, stop.Token), CancellationToken.None);
        try
        {
            var done = 0;
            await foreach (var range in ranges.Reader.ReadAllAsync(cancellationToken))
            {
                yield return range;
                // Resumed once the caller has reconciled the range: these orders are done.
                done = Math.Min(done + OrdersPerRange, orderIds.Count);
                progress?.Report(new WorkProgress(done, orderIds.Count));
            }

            // A failed read ends the channel early: its error, not a short result, is what the caller gets.
            await reading;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAny(reading);
        }
    }

    private async Task ReadRangesAsync(IReadOnlyList<string> systems, List<string> orderIds, ChannelWriter<RecordSnapshot> ranges, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var reader = new StoredRecordReader(db);
            for (var start = 0; start < orderIds.Count; start += OrdersPerRange)
            {
                var last = orderIds[Math.Min(start + OrdersPerRange, orderIds.Count) - 1];
                await using var command = connection.CreateCommand();
                command.CommandText = $"""SELECT {StoredRecordReader.Columns} FROM records WHERE "System" IN ({SystemsList(command, systems)}) AND "OrderId" >= @first AND "OrderId" <= @last""";
                AddParameter(command, "@first", orderIds[start]);
                AddParameter(command, "@last", last);
                var rows = new List<StoredRecord>(OrdersPerRange * systems.Count);
                await ReadAsync(command, reader, rows, cancellationToken);
                await ranges.WriteAsync(RecordSnapshot.Build(rows), cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            ranges.TryComplete();
        }
    }

    private static async Task ReadAsync(DbCommand command, StoredRecordReader reader, List<StoredRecord> rows, CancellationToken cancellationToken)
    {
        await using var result = await command.ExecuteReaderAsync(cancellationToken);
        while (await result.ReadAsync(cancellationToken))
        {
            rows.Add(reader.Read(result));
        }
    }

    private static string SystemsList(DbCommand command, IReadOnlyList<string> systems)
    {
        var names = systems.Select((_, i) => $"@s{i}").ToList();
        for (var i = 0; i < systems.Count; i++)
        {
            AddParameter(command, names[i], systems[i]);
        }

        return string.Join(", ", names);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
