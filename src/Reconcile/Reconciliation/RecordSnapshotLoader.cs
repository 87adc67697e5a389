using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Records;
using Reconcile.Hosting;

namespace Reconcile.Reconciliation;

/// <summary>
/// Loads what a run examines, from typed columns (<see cref="StoredRecordReader"/>): no JSON is parsed. An incremental
/// run reads only the orders changed since the watermark, so it costs what changed, not what is stored; a full run
/// streams every order in id ranges, two readers on two connections (two cores) each reading and working on every
/// other range, so memory stays bounded by a few ranges, not by history.
/// </summary>
public sealed class RecordSnapshotLoader(ReconcileDbContext db, IServiceScopeFactory? scopes = null)
{
    /// <summary>
    /// Orders per range of a full run (<see cref="StreamAllAsync"/>): each range's records are in memory at once. The
    /// records of the ranges in flight are what survives each young-generation collection during a run, and copying
    /// survivors is what makes its pauses long, pauses that stop every request too. Measured at 1M orders on the
    /// 2-core machine (warm full run, with the work done on the readers): 5,000 paused the process 5.3–5.9 s of an
    /// 18 s run; 1,000 ran in 13.0 s, 500 in 10.9 s (1.3 s of pauses), 250 in 11.5 s (more statements per order).
    /// </summary>
    internal int OrdersPerRange { get; init; } = 500;

    /// <summary>
    /// From this many orders <see cref="InPartsAsync{T}"/> reads and works in two parts at once (two connections, two
    /// cores); below it, opening a second connection costs more than it saves.
    /// </summary>
    internal int SplitFrom { get; init; } = 2_000;

    /// <summary>
    /// The orders an incremental run examines: those with a record received after <paramref name="receivedAfter"/>
    /// (the watermark is by arrival), and those carried from earlier runs because they were still pending — any
    /// record whose own updatedAt is after <paramref name="updatedAfter"/> (the last run's time minus the lag window,
    /// so every order inside the window then, whatever it arrived, is looked at again once its window has passed).
    /// </summary>
    /// <remarks>
    /// One statement, both halves served by an index: (system, receivedAt, orderId) covers the changed orders without
    /// touching the table, (system, orderUpdatedAt) finds the few carried ones.
    /// </remarks>
    public async Task<IReadOnlyList<string>> ChangedOrderIdsAsync(
        IReadOnlyList<string> systems, DateTimeOffset receivedAfter, DateTimeOffset updatedAfter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(systems);
        var ids = new List<string>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var inSystems = RecordQuery.SystemsIn(command, systems);
            command.CommandText = $"""
                SELECT "OrderId" FROM records WHERE {inSystems} AND "ReceivedAt" > @received
                UNION SELECT "OrderId" FROM records WHERE {inSystems} AND "OrderUpdatedAt" > @updated
                """;
            RecordQuery.AddParameter(command, "@received", RecordQuery.Instant(db, receivedAfter));
            RecordQuery.AddParameter(command, "@updated", RecordQuery.Instant(db, updatedAfter));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return ids;
    }

    /// <summary>The stored records of these orders in these systems (e.g. orders a confirming read just stored), from typed columns, in one statement.</summary>
    public async Task<RecordSnapshot> LoadOrdersAsync(IReadOnlyList<string> systems, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(orderIds);
        var rows = new List<StoredRecord>(orderIds.Count * systems.Count);
        if (orderIds.Count == 0)
        {
            return RecordSnapshot.Build(rows);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"""SELECT {StoredRecordReader.Columns} FROM records WHERE {RecordQuery.SystemsIn(command, systems)} AND {RecordQuery.OrderIdsIn(command, db, orderIds)}""";
            await ReadAsync(command, new StoredRecordReader(db), rows, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return RecordSnapshot.Build(rows);
    }

    /// <summary>
    /// Loads these orders and hands their snapshot to <paramref name="work"/>; from <see cref="SplitFrom"/> orders (and
    /// when built with a scope factory) in two halves at once, the second on a connection of its own, so reading,
    /// indexing and <paramref name="work"/> use both cores. An order is never split: each half has all of its records.
    /// </summary>
    /// <returns>One result per part, in the order of <paramref name="orderIds"/>; the first failure of either part is thrown.</returns>
    public async Task<IReadOnlyList<T>> InPartsAsync<T>(
        IReadOnlyList<string> systems, IReadOnlyList<string> orderIds, Func<RecordSnapshot, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderIds);
        ArgumentNullException.ThrowIfNull(work);
        if (scopes is null || orderIds.Count < SplitFrom)
        {
            return [work(await LoadOrdersAsync(systems, orderIds, cancellationToken))];
        }

        var half = orderIds.Count / 2;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var second = Task.Run(() => WorkElsewhereAsync(systems, [.. orderIds.Skip(half)], work, stop.Token), CancellationToken.None);
        try
        {
            var first = work(await LoadOrdersAsync(systems, [.. orderIds.Take(half)], stop.Token));
            return [first, await second];
        }
        finally
        {
            // A failed first half stops the second rather than leave it reading after the caller moved on.
            await stop.CancelAsync();
            await Task.WhenAny(second);
        }
    }

    private async Task<T> WorkElsewhereAsync<T>(IReadOnlyList<string> systems, List<string> orderIds, Func<RecordSnapshot, T> work, CancellationToken cancellationToken)
    {
        await using var scope = scopes!.CreateAsyncScope();
        var other = new RecordSnapshotLoader(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());
        return work(await other.LoadOrdersAsync(systems, orderIds, cancellationToken));
    }

    /// <summary>
    /// Every order of the flow's systems, range by range in the database's order of order ids. Ranges are read ahead of
    /// the caller; with a scope factory, by two readers on two connections (every other range each), because reading a
    /// range costs more than reconciling it and each reader keeps one core busy.
    /// </summary>
    public IAsyncEnumerable<RecordSnapshot> StreamAllAsync(IReadOnlyList<string> systems, IProgress<WorkProgress>? progress, CancellationToken cancellationToken) =>
        StreamAllAsync(systems, range => range, progress, cancellationToken);

    /// <summary>
    /// As <see cref="StreamAllAsync(IReadOnlyList{string}, IProgress{WorkProgress}?, CancellationToken)"/>, with
    /// <paramref name="work"/> done on each range by the reader that read it, at once: the caller gets the results, in
    /// the ranges' order. A range's records then die young, while the reader that made them is still working on them,
    /// instead of waiting in a queue for the caller long enough to be promoted by the collector (whose copying of
    /// survivors was a quarter of a full run at a million orders), and the work is spread over both readers' cores.
    /// <paramref name="work"/> is called from two threads at once and must not keep the snapshot.
    /// </summary>
    public async IAsyncEnumerable<T> StreamAllAsync<T>(
        IReadOnlyList<string> systems, Func<RecordSnapshot, T> work, IProgress<WorkProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var orderIds = await AllOrderIdsAsync(systems, cancellationToken);
        var ranges = (orderIds.Count + OrdersPerRange - 1) / OrdersPerRange;
        var readers = scopes is not null && ranges > 1 ? 2 : 1;
        // One range read ahead per reader: memory stays bounded by a few ranges, whatever is stored.
        var channels = Enumerable.Range(0, readers)
            .Select(_ => Channel.CreateBounded<T>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true })).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Enumerable.Range(0, readers)
            .Select(r => Task.Run(() => r == 0
                ? ReadRangesAsync(db, systems, orderIds, OrdersPerRange, r, readers, work, channels[r].Writer, stop.Token)
                : ReadElsewhereAsync(systems, orderIds, r, readers, work, channels[r].Writer, stop.Token), CancellationToken.None))
            .ToArray();
        var delivered = 0;
        try
        {
            for (; delivered < ranges; delivered++)
            {
                // Range i comes from reader i mod readers, so the caller sees the ranges in order.
                var channel = channels[delivered % readers].Reader;
                if (!await channel.WaitToReadAsync(cancellationToken) || !channel.TryRead(out var range))
                {
                    break;
                }

                yield return range;
                // Resumed once the caller has reconciled the range: these orders are done.
                progress?.Report(new WorkProgress(Math.Min((delivered + 1) * OrdersPerRange, orderIds.Count), orderIds.Count));
            }
        }
        finally
        {
            if (delivered < ranges)
            {
                await stop.CancelAsync();
            }

            await Task.WhenAll(reading.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        // A failed read ends its channel early: its error, not a short result, is what the caller gets.
        foreach (var task in reading.Where(t => t.IsFaulted))
        {
            await task;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Every order id of these systems' records, once each, ascending in the database's own order.</summary>
    private async Task<List<string>> AllOrderIdsAsync(IReadOnlyList<string> systems, CancellationToken cancellationToken)
    {
        if (db is not SqliteReconcileDbContext)
        {
            return await db.Records.AsNoTracking().Where(r => systems.Contains(r.System))
                .Select(r => r.OrderId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return SqliteOrderIds.Read((SqliteConnection)db.Database.GetDbConnection(), systems, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ReadElsewhereAsync<T>(
        IReadOnlyList<string> systems, List<string> orderIds, int first, int step, Func<RecordSnapshot, T> work, ChannelWriter<T> ranges, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes!.CreateAsyncScope();
            await ReadRangesAsync(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>(), systems, orderIds, OrdersPerRange, first, step, work, ranges, cancellationToken);
        }
        finally
        {
            ranges.TryComplete();
        }
    }

    /// <summary>
    /// Reads ranges (of <paramref name="size"/> orders) <paramref name="first"/>, <paramref name="first"/> + <paramref name="step"/>, …
    /// on <paramref name="db"/>'s connection and writes <paramref name="work"/>'s result on each into <paramref name="ranges"/>.
    /// </summary>
    private static async Task ReadRangesAsync<T>(
        ReconcileDbContext db, IReadOnlyList<string> systems, List<string> orderIds, int size, int first, int step,
        Func<RecordSnapshot, T> work, ChannelWriter<T> ranges, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var reader = new StoredRecordReader(db);
            for (var start = first * size; start < orderIds.Count; start += step * size)
            {
                var last = orderIds[Math.Min(start + size, orderIds.Count) - 1];
                await using var command = connection.CreateCommand();
                command.CommandText = $"""SELECT {StoredRecordReader.Columns} FROM records WHERE {RecordQuery.SystemsIn(command, systems)} AND "OrderId" >= @first AND "OrderId" <= @last""";
                RecordQuery.AddParameter(command, "@first", orderIds[start]);
                RecordQuery.AddParameter(command, "@last", last);
                var rows = new List<StoredRecord>(size * systems.Count);
                await ReadAsync(command, reader, rows, cancellationToken);
                await ranges.WriteAsync(work(RecordSnapshot.Build(rows)), cancellationToken);
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
        if (command.Connection is SqliteConnection sqlite)
        {
            ReadSqlite(sqlite, command, rows, cancellationToken);
            return;
        }

        await using var result = await command.ExecuteReaderAsync(cancellationToken);
        while (await result.ReadAsync(cancellationToken))
        {
            rows.Add(reader.Read(result));
        }
    }

    /// <summary>On SQLite the rows are read from SQLite's own memory (<see cref="SqliteStoredRecordReader"/>), not through a data reader.</summary>
    private static void ReadSqlite(SqliteConnection connection, DbCommand command, List<StoredRecord> rows, CancellationToken cancellationToken)
    {
        using var statement = SqliteStatement.Prepare(connection, command);

        var reader = new SqliteStoredRecordReader();
        while (statement.Step())
        {
            if ((rows.Count & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            rows.Add(reader.Read(statement));
        }
    }
}
