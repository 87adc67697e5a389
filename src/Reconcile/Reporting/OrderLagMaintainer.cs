using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Reporting;

/// <summary>
/// Keeps <c>order_lags</c>, per flow and source copy, equal to what the figures' lag would compute from the records:
/// <see cref="RefreshAsync"/> recomputes the changed orders' rows in batches (ingest calls it once per stored batch, a
/// tracked save of records through <see cref="OrderLagInterceptor"/>), and <see cref="EnsureBuiltAsync"/> builds a flow
/// from all its records when its rows are missing or were built for other systems (after the upgrade, or a topology change).
/// </summary>
public sealed class OrderLagMaintainer(IOptionsMonitor<TopologyOptions> topology)
{
    private const int Chunk = 2_000;
    /// <summary>Records read (EF) or lag rows inserted (SQLite) together by a rebuild.</summary>
    internal const int RebuildPage = 5_000;
    private const string Version = "1";
    private readonly ConditionalWeakTable<DbContext, object> _deferred = [];
    private readonly ConditionalWeakTable<DbContext, LagSuspension> _suspended = [];

    /// <summary>The flow's signature: the version of this computation, its source and its distinct targets.</summary>
    public static string Signature(FlowOptions flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return $"{Version}:{flow.Source}>{string.Join(',', flow.Targets.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))}";
    }

    /// <summary>Until disposed, saves on this context leave the lag rows to the caller, who refreshes them once (a bulk store does).</summary>
    public IDisposable Defer(DbContext db)
    {
        _deferred.AddOrUpdate(db, new object());
        return new Deferral(() => _deferred.Remove(db));
    }

    internal bool IsDeferred(DbContext db) => _deferred.TryGetValue(db, out _);

    /// <summary>
    /// Until disposed, <see cref="RefreshAsync"/> on this context marks the flows it would refresh as unbuilt (their
    /// <c>order_lag_flows</c> row deleted, in the caller's transaction) instead of recomputing the orders' rows, and
    /// the suspension remembers them for one <see cref="LagSuspension.RebuildAsync"/> at the end of a bulk load. A
    /// refresh reads each batch's orders back in every system; at a million orders those reads are most of a load,
    /// one rebuild is a single pass. A load that stops half-way leaves the flows unbuilt, and the next start or
    /// figures request builds them (<see cref="EnsureBuiltAsync"/>), so the figures never read stale rows as built.
    /// </summary>
    public LagSuspension Suspend(DbContext db)
    {
        var suspension = new LagSuspension(this, () => _suspended.Remove(db));
        _suspended.AddOrUpdate(db, suspension);
        return suspension;
    }

    /// <summary>
    /// Recomputes the rows of these orders in every built flow the system is the source or a target of, in the caller's
    /// transaction (or one of its own): a few statements per 2,000 orders, whatever changed.
    /// </summary>
    public async Task RefreshAsync(ReconcileDbContext db, string system, IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(orderIds);
        var flows = Flows().Where(f => f.Options.Source == system || f.Options.Targets.Contains(system)).ToList();
        if (orderIds.Count == 0 || flows.Count == 0)
        {
            return;
        }

        if (_suspended.TryGetValue(db, out var suspension))
        {
            var names = flows.Select(f => f.Name).ToList();
            suspension.Flows.UnionWith(names);
            await db.OrderLagFlows.Where(f => names.Contains(f.Flow)).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var built = await BuiltAsync(db, cancellationToken);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var (name, options) in flows.Where(f => built.GetValueOrDefault(f.Name) == Signature(f.Options)))
        {
            foreach (var chunk in orderIds.Distinct(StringComparer.Ordinal).Chunk(Chunk))
            {
                var rows = new OrderLagRows(name, options);
                var targets = rows.Targets;
                var receipts = await db.Records.AsNoTracking()
                    .Where(r => targets.Contains(r.System) && !r.Quarantined && EF.Parameter(chunk).Contains(r.OrderId))
                    .Select(r => new { r.System, r.OrderId, r.ReceivedAt })
                    .ToListAsync(cancellationToken);
                receipts.ForEach(r => rows.Receive(r.System, r.OrderId, r.ReceivedAt));
                var sources = await Sources(db.Records.AsNoTracking().Where(r => EF.Parameter(chunk).Contains(r.OrderId)), options.Source).ToListAsync(cancellationToken);
                await db.OrderLags.Where(l => l.Flow == name && EF.Parameter(chunk).Contains(l.OrderId)).ExecuteDeleteAsync(cancellationToken);
                await BulkInsert.InsertAsync(db, Rows(rows, sources), matchBy: null, cancellationToken);
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Builds every configured flow whose rows are missing or were built for other systems, and drops the rows of flows
    /// no longer configured (nothing would keep them). Returns how many flows were built.
    /// </summary>
    public async Task<int> EnsureBuiltAsync(ReconcileDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var built = await BuiltAsync(db, cancellationToken);
        var flows = Flows().ToList();
        var stale = flows.Where(f => built.GetValueOrDefault(f.Name) != Signature(f.Options)).ToList();
        var gone = built.Keys.Except(flows.Select(f => f.Name), StringComparer.Ordinal).ToList();
        foreach (var name in gone)
        {
            await db.OrderLags.Where(l => l.Flow == name).ExecuteDeleteAsync(cancellationToken);
            await db.OrderLagFlows.Where(f => f.Flow == name).ExecuteDeleteAsync(cancellationToken);
        }

        await RebuildAsync(db, stale, alongside: null, cancellationToken);

        return stale.Count;
    }

    /// <summary>
    /// Builds these flows' rows again from all their records (those still configured with targets), whatever their
    /// state, in the caller's transaction or one of its own. <paramref name="alongside"/> (null for none) is the
    /// writer's other work in that transaction, which must leave the records as they are (a bulk load's indexes): on a
    /// SQLite file in WAL mode the records are read on a second connection while it runs, elsewhere it runs first.
    /// </summary>
    internal Task RebuildAsync(
        ReconcileDbContext db, IReadOnlyCollection<string> names, Func<CancellationToken, Task>? alongside, CancellationToken cancellationToken) =>
        RebuildAsync(db, [.. Flows().Where(f => names.Contains(f.Name))], alongside, cancellationToken);

    /// <summary>
    /// Builds the flows' rows from all their records in one transaction: on SQLite one pass over the records shared by
    /// the flows (<see cref="SqliteLagPasses"/>), elsewhere two (their targets' receipts, then their sources' copies page by page).
    /// </summary>
    private async Task RebuildAsync(
        ReconcileDbContext db, List<(string Name, FlowOptions Options)> flows, Func<CancellationToken, Task>? alongside, CancellationToken cancellationToken)
    {
        if (flows.Count == 0)
        {
            if (alongside is not null)
            {
                await alongside(cancellationToken);
            }

            return;
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var names = flows.Select(f => f.Name).ToList();
        // Rebuilding every flow (after a bulk load, or the upgrade), the indexes are built again at the end, in this
        // transaction: a million rows went in at random places of both otherwise. One flow of several keeps them: the
        // others' rows would be sorted again for nothing.
        var whole = Flows().All(f => names.Contains(f.Name));
        if (whole)
        {
            await SetAsideIndexes.DropAsync<OrderLagEntity>(db, cancellationToken);
        }

        await db.OrderLags.Where(l => names.Contains(l.Flow)).ExecuteDeleteAsync(cancellationToken);
        await db.OrderLagFlows.Where(f => names.Contains(f.Flow)).ExecuteDeleteAsync(cancellationToken);
        var built = flows.Select(f => (f.Options.Source, Rows: new OrderLagRows(f.Name, f.Options))).ToList();
        if (db.Database.GetDbConnection() is SqliteConnection sqlite)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                // A caller's transaction may hold changes a second connection would not see: then the writer reads.
                var copies = await ReadAlongsideAsync(sqlite, built, alongside, beside: transaction is not null, cancellationToken);
                await SqliteLagPasses.InsertRowsAsync(db, built, copies, cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            if (alongside is not null)
            {
                await alongside(cancellationToken);
            }

            await ReadPassesAsync(db, built, cancellationToken);
        }

        var signatures = flows.Select(f => new OrderLagFlowEntity { Flow = f.Name, Signature = Signature(f.Options) }).ToList();
        await BulkInsert.InsertAsync(db, signatures, matchBy: null, cancellationToken);
        if (whole)
        {
            await SetAsideIndexes.EnsureAsync<OrderLagEntity>(db, cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The SQLite pass, on a reader of its own while the writer does <paramref name="alongside"/> where the file allows
    /// it and the writer's transaction is the rebuild's own (<paramref name="beside"/>): at the end of a million orders'
    /// load the pass and the indexes' builds each take seconds, on one core each. Elsewhere, or when that reader cannot
    /// be opened, the writer does its work and then reads.
    /// </summary>
    private static async Task<List<SqliteLagPasses.SourceCopy>> ReadAlongsideAsync(
        SqliteConnection writer, List<(string Source, OrderLagRows Rows)> built, Func<CancellationToken, Task>? alongside, bool beside,
        CancellationToken cancellationToken)
    {
        await using var reader = alongside is null || !beside ? null : await OpenReaderAsync(writer, cancellationToken);
        if (reader is null)
        {
            if (alongside is not null)
            {
                await alongside(cancellationToken);
            }

            return SqliteLagPasses.Read(writer, built, cancellationToken);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Factory.StartNew(
            () => SqliteLagPasses.Read(reader, built, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await alongside!(cancellationToken);
        }
        catch
        {
            // The reader's connection is let go only once it stopped reading; its own error, if any, is not the one raised.
            await stop.CancelAsync();
            await reading.ContinueWith(r => r.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        return await reading;
    }

    private static async Task<SqliteConnection?> OpenReaderAsync(SqliteConnection writer, CancellationToken cancellationToken)
    {
        try
        {
            return await SqliteLagPasses.OpenSnapshotReaderAsync(writer, cancellationToken);
        }
        catch (SqliteException)
        {
            // The file refused a second connection (permissions, a handle limit): the writer reads after its work.
            return null;
        }
    }

    /// <summary>The rebuild's two passes over the records through EF (PostgreSQL; SQLite reads them with <see cref="SqliteLagPasses"/>).</summary>
    internal static async Task ReadPassesAsync(ReconcileDbContext db, List<(string Source, OrderLagRows Rows)> built, CancellationToken cancellationToken)
    {
        // One pass over the table in its own order, the targets' receipts kept in memory: filtered by system, SQLite
        // walked the System index and read each row from the table in the index's order, three times slower.
        await foreach (var r in db.Records.AsNoTracking().Select(r => new { r.System, r.OrderId, r.ReceivedAt, r.Quarantined })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            foreach (var (_, rows) in built)
            {
                if (!r.Quarantined && rows.IsTarget(r.System))
                {
                    rows.Receive(r.System, r.OrderId, r.ReceivedAt);
                }
            }
        }

        for (var after = 0L; ;)
        {
            // Pages walk the primary key over every system's records and keep the sources' in memory: with the source in
            // the filter, SQLite chose the System index and sorted all the source's records again for every page (a
            // rebuild of 900,000 records took 34 s).
            var page = await db.Records.AsNoTracking().Where(r => r.Id > after).OrderBy(r => r.Id).Take(RebuildPage)
                .Select(r => new PagedCopy(
                    r.System, !r.Quarantined && r.Payload != null,
                    new SourceCopy(r.Id, r.OrderId, r.OrderUpdatedAt, r.Compact, r.Total, r.Currency, r.Compact == null ? r.Payload : null)))
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var (source, rows) in built)
            {
                var copies = page.Where(p => p.Counted && p.System == source).Select(p => p.Copy).ToList();
                await BulkInsert.InsertAsync(db, Rows(rows, copies), matchBy: null, cancellationToken);
            }

            after = page[^1].Copy.Id;
        }
    }

    /// <summary>The flows the figures compute a lag for: those with targets.</summary>
    private IEnumerable<(string Name, FlowOptions Options)> Flows() =>
        topology.CurrentValue.Flows.Where(f => f.Value.Targets.Count > 0).Select(f => (f.Key, f.Value));

    private static Task<Dictionary<string, string>> BuiltAsync(ReconcileDbContext db, CancellationToken cancellationToken) =>
        db.OrderLagFlows.AsNoTracking().ToDictionaryAsync(f => f.Flow, f => f.Signature, StringComparer.Ordinal, cancellationToken);

    // The source copies the figures count, with the columns SourceOrderReader reads their creation time from.
    private static IQueryable<SourceCopy> Sources(IQueryable<RecordEntity> records, string source) =>
        records.Where(r => r.System == source && !r.Quarantined && r.Payload != null)
            .Select(r => new SourceCopy(r.Id, r.OrderId, r.OrderUpdatedAt, r.Compact, r.Total, r.Currency, r.Compact == null ? r.Payload : null));

    private static List<OrderLagEntity> Rows(OrderLagRows rows, List<SourceCopy> sources) =>
        [.. sources.Select(s => rows.Row(s.OrderId, s.UpdatedAt, CreatedAt(s))).OfType<OrderLagEntity>()];

    private static DateTimeOffset? CreatedAt(SourceCopy source)
    {
        try
        {
            return SourceOrderReader.CreatedAtOf(source.Compact, source.Total, source.Currency, source.Payload);
        }
        catch (FormatException)
        {
            // A compact part that does not decode is a copy no figure can read: it is not counted, rather than failing ingest.
            return null;
        }
    }

    private sealed record PagedCopy(string System, bool Counted, SourceCopy Copy);

    private sealed record SourceCopy(long Id, string OrderId, DateTimeOffset? UpdatedAt, byte[]? Compact, decimal? Total, string? Currency, string? Payload);

    private sealed class Deferral(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
