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
/// streams every order in id ranges, reading the next range while the caller reconciles this one (two cores), so
/// memory stays bounded by two ranges, not by history.
/// </summary>
public sealed class RecordSnapshotLoader(ReconcileDbContext db, IServiceScopeFactory? scopes = null)
{
    private const int OrdersPerRange = 20_000;

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
                command.CommandText = $"""SELECT {StoredRecordReader.Columns} FROM records WHERE {RecordQuery.SystemsIn(command, systems)} AND "OrderId" >= @first AND "OrderId" <= @last""";
                RecordQuery.AddParameter(command, "@first", orderIds[start]);
                RecordQuery.AddParameter(command, "@last", last);
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
        using var statement = SqliteStatement.Prepare(connection, command.CommandText);
        foreach (DbParameter parameter in command.Parameters)
        {
            var index = statement.IndexOf(parameter.ParameterName);
            statement.Bind(index > 0 ? index : throw new InvalidOperationException($"The statement has no parameter {parameter.ParameterName}."), parameter.Value);
        }

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
