using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Ingest;
using Reconcile.Reporting;
using Reconcile.Tests.Infrastructure;
using static Reconcile.Tests.Infrastructure.SqliteCommands;
using Reconcile.Tests.Reconciliation;
using static Reconcile.Tests.Reporting.FiguresDataSet;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// The lag rebuild at the end of a bulk load reads the records on a second connection while the writer builds the
/// indexes in the same transaction: the reader sees exactly what was committed when that transaction began, and a
/// database a second connection cannot read that way (in memory, not in WAL mode) is read on the writer after its work.
/// </summary>
public sealed class LagRebuildAlongsideTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDirectory.TryDelete(_directory);
    }

    [Fact]
    public async Task The_records_are_read_as_committed_when_the_rebuild_began_whatever_the_writer_does_alongside()
    {
        using var factory = ReconcileFactory.With(Settings());
        await StoreAsync(factory, "shop", "A1", At(1), At(1, 1));
        await StoreAsync(factory, "crm", "A1", At(1), At(1, 3));
        await StoreAsync(factory, "shop", "A2", At(1), At(1, 1));
        var maintainer = factory.Services.GetRequiredService<OrderLagMaintainer>();
        var deleted = -1;

        await factory.QueryAsync(async db =>
        {
            // Work alongside must leave the records alone; this one does not, so that what the reader read shows.
            await maintainer.RebuildAsync(db, ["shop-to-crm"], async cancellation =>
            {
                deleted = await db.Records.Where(r => r.System == "crm" && r.OrderId == "A1").ExecuteDeleteAsync(cancellation);
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO "records" ("System", "OrderId", "ExternalId", "Payload", "RawPayload", "ReceivedAt", "OrderUpdatedAt", "Quarantined", "Version", "Copy", "Compact", "Total", "Currency")
                    SELECT "System", 'A3', "ExternalId", "Payload", "RawPayload", "ReceivedAt", "OrderUpdatedAt", 0, 1, 0, "Compact", "Total", "Currency" FROM "records" WHERE "OrderId" = 'A2'
                    """, cancellation);
            }, CancellationToken.None);
            return 0;
        });

        var rows = await factory.QueryAsync(db => db.OrderLags.AsNoTracking().Where(l => l.Flow == "shop-to-crm").OrderBy(l => l.OrderId).ToListAsync());
        Assert.Equal(1, deleted);
        // A1 confirmed by the CRM copy the writer deleted, three hours after its creation; A2 unconfirmed; no A3.
        Assert.Equal(["A1", "A2"], rows.Select(r => r.OrderId));
        Assert.Equal(TimeSpan.FromHours(3).Ticks, rows[0].LagTicks);
        Assert.Null(rows[1].LagTicks);
        Assert.Equal(0, await factory.QueryAsync(db => db.Records.CountAsync(r => r.System == "crm")));
        Assert.Equal(1, await factory.QueryAsync(db => db.Records.CountAsync(r => r.OrderId == "A3")));
    }

    [Fact]
    public async Task Inside_a_caller_s_transaction_the_writer_reads_after_its_work_and_sees_the_caller_s_changes()
    {
        using var factory = ReconcileFactory.With(Settings());
        await StoreAsync(factory, "shop", "C1", At(1), At(1, 1));
        await StoreAsync(factory, "crm", "C1", At(1), At(1, 2));
        var maintainer = factory.Services.GetRequiredService<OrderLagMaintainer>();
        var alongside = false;

        await factory.QueryAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // Not yet committed: a second connection would still read this CRM copy and confirm C1.
            await db.Records.Where(r => r.System == "crm").ExecuteDeleteAsync();
            await maintainer.RebuildAsync(db, ["shop-to-crm"], _ =>
            {
                alongside = true;
                return Task.CompletedTask;
            }, CancellationToken.None);
            await transaction.CommitAsync();
            return 0;
        });

        var rows = await factory.QueryAsync(db => db.OrderLags.AsNoTracking().Where(l => l.Flow == "shop-to-crm").ToListAsync());
        Assert.True(alongside);
        Assert.Equal("C1", Assert.Single(rows).OrderId);
        Assert.Null(rows[0].LagTicks);
    }

    [Fact]
    public async Task Work_alongside_that_fails_raises_its_own_error_and_takes_the_rebuild_back_with_it()
    {
        using var factory = ReconcileFactory.With(Settings());
        await StoreAsync(factory, "shop", "B1", At(1), At(1, 1));
        await StoreAsync(factory, "crm", "B1", At(1), At(1, 2));
        var before = await LagsAsync(factory);
        var maintainer = factory.Services.GetRequiredService<OrderLagMaintainer>();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.QueryAsync(async db =>
        {
            await maintainer.RebuildAsync(db, ["shop-to-crm", "promo-to-billing"], async cancellation =>
            {
                await db.OrderLags.ExecuteDeleteAsync(cancellation);
                throw new InvalidOperationException("the index could not be built");
            }, CancellationToken.None);
            return 0;
        }));

        Assert.Equal("the index could not be built", failure.Message);
        Assert.Equal(["B1 promo-to-billing ", "B1 shop-to-crm 72000000000"], before);
        Assert.Equal(before, await LagsAsync(factory));
        Assert.Equal(2, await factory.QueryAsync(db => db.OrderLagFlows.CountAsync()));
    }

    [Fact]
    public async Task A_snapshot_reader_sees_what_was_committed_and_not_the_writer_s_open_transaction()
    {
        var path = Path.Combine(_directory, "wal.db");
        await using var writer = await OpenAsync($"Data Source={path}", "PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1);");
        await using var transaction = (SqliteTransaction)await writer.BeginTransactionAsync();
        await ExecuteAsync(writer, "INSERT INTO t VALUES (2)");

        await using var reader = await SqliteLagPasses.OpenSnapshotReaderAsync(writer, CancellationToken.None);

        Assert.NotNull(reader);
        // Never pooled: a read-only connection must not outlive the writer as the file's last one.
        Assert.False(new SqliteConnectionStringBuilder(reader.ConnectionString).Pooling);
        Assert.Equal(1L, await ScalarAsync(reader, "SELECT sum(v) FROM t"));
        Assert.Equal(3L, await ScalarAsync(writer, "SELECT sum(v) FROM t"));
        await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(reader, "INSERT INTO t VALUES (4)"));
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("shared memory")]
    [InlineData("rollback journal")]
    [InlineData("shared cache")]
    public async Task No_snapshot_reader_where_a_second_connection_would_not_read_beside_the_writer(string database)
    {
        var path = Path.Combine(_directory, "other.db");
        var (connection, setup) = database switch
        {
            "memory" => ("Data Source=:memory:", "PRAGMA journal_mode = WAL;"),
            "shared memory" => ("Data Source=lags;Mode=Memory;Cache=Shared", "PRAGMA journal_mode = WAL;"),
            "rollback journal" => ($"Data Source={path}", "PRAGMA journal_mode = DELETE;"),
            _ => ($"Data Source={path};Cache=Shared", "PRAGMA journal_mode = WAL;"),
        };
        await using var writer = await OpenAsync(connection, setup + " CREATE TABLE t (v INTEGER);");

        Assert.Null(await SqliteLagPasses.OpenSnapshotReaderAsync(writer, CancellationToken.None));
    }

    private static Task<List<string>> LagsAsync(ReconcileFactory factory) =>
        factory.QueryAsync(async db => (await db.OrderLags.AsNoTracking().ToListAsync())
            .Select(l => $"{l.OrderId} {l.Flow} {l.LagTicks}").Order(StringComparer.Ordinal).ToList());

    private static async Task<SqliteConnection> OpenAsync(string connectionString, string setup)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, setup);
        return connection;
    }


    private static async Task StoreAsync(ReconcileFactory factory, string system, string id, DateTimeOffset created, DateTimeOffset receivedAt)
    {
        using var scope = factory.Services.CreateScope();
        var json = SentOrders.Order(id, created, ",\"createdAt\":\"" + created.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "\"");
        using var document = JsonDocument.Parse(json);
        await scope.ServiceProvider.GetRequiredService<RecordStore>()
            .StoreAsync(system, [(document.RootElement.Clone(), receivedAt)], (IReadOnlyDictionary<string, string>?)null, CancellationToken.None);
    }
}
