using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Engine.Records;
using Reconcile.Ingest;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

/// <summary>
/// How a bulk load writes on SQLite: a large one sets the records' indexes by time aside and builds them again at its
/// end (or at the next start, when it never reached its end); its batches share transactions, and a batch that fails
/// takes back only its own rows while the batches before it stay stored.
/// </summary>
public sealed class BulkLoadStorageTests
{
    private static readonly string[] ByTime = ["IX_records_System_OrderUpdatedAt", "IX_records_System_ReceivedAt_OrderId"];

    [Fact]
    public async Task A_large_load_drops_the_indexes_by_time_while_it_writes_and_builds_them_again_as_migrated()
    {
        using var factory = new ReconcileFactory();
        var migrated = await IndexesAsync(factory);
        Dictionary<string, string>? during = null;

        await using (var load = await BulkLoad.BeginAsync(Scopes(factory), BulkLoad.SuspendLagsFrom, CancellationToken.None))
        {
            await load.StoreAsync(async store =>
            {
                during = await IndexesAsync(factory);
                return await store.StoreAsync("shop", [Order("1001")], null, CancellationToken.None);
            });
            await load.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal("System,OrderUpdatedAt", migrated["IX_records_System_OrderUpdatedAt"]);
        Assert.Equal("System,ReceivedAt,OrderId", migrated["IX_records_System_ReceivedAt_OrderId"]);
        Assert.All(ByTime, name => Assert.DoesNotContain(name, during!.Keys));
        Assert.Equal("System,OrderId,ExternalId,Copy", during!["IX_records_System_OrderId_ExternalId_Copy"]);
        Assert.Equal(migrated, await IndexesAsync(factory));
        Assert.Equal(["1001"], await OrderIdsAsync(factory));
    }

    [Fact]
    public async Task A_completed_load_logs_what_it_stored_and_where_its_time_went()
    {
        var logs = Guid.NewGuid().ToString("N");
        using var factory = ReconcileFactory.With(CollectedLogs.Settings(logs));
        var quarantined = JsonDocument.Parse("""{"orderId":"1003"}""").RootElement;

        await using (var load = await BulkLoad.BeginAsync(Scopes(factory), BulkLoad.SuspendLagsFrom, CancellationToken.None))
        {
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001"), Order("1002")], null, CancellationToken.None));
            await load.StoreAsync(store => store.StoreAsync("crm", [Order("1001"), quarantined], null, CancellationToken.None));
            await load.CompleteAsync(CancellationToken.None);
        }

        // Two valid records in the shop, one valid and one quarantined in the CRM: four stored.
        var logged = await CollectedLogs.WaitForAsync(logs, "Bulk load of 4 records", TimeSpan.FromSeconds(10));
        Assert.Matches(@"Bulk load of 4 records: storing \d+\.\d s, waiting for batches \d+\.\d s, building indexes \d+\.\d s, rebuilding lag rows \d+\.\d s", logged);
    }

    [Fact]
    public async Task The_lag_rows_rebuilt_at_the_end_of_a_large_load_keep_their_indexes_as_migrated()
    {
        using var factory = ReconcileFactory.With(Reporting.FiguresDataSet.Settings());
        var migrated = await IndexesAsync(factory, "order_lags");

        await using (var load = await BulkLoad.BeginAsync(Scopes(factory), BulkLoad.SuspendLagsFrom, CancellationToken.None))
        {
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001")], null, CancellationToken.None));
            await load.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal("Flow,CreatedAt,UpdatedAt,LagTicks", migrated["IX_order_lags_Flow_CreatedAt_UpdatedAt_LagTicks"]);
        Assert.Equal("Flow,OrderId", migrated["IX_order_lags_Flow_OrderId"]);
        Assert.Equal(migrated, await IndexesAsync(factory, "order_lags"));
        Assert.Equal([("promo-to-billing", "1001"), ("shop-to-crm", "1001")], await factory.QueryAsync(async db =>
            (await db.OrderLags.AsNoTracking().OrderBy(l => l.Flow).Select(l => new { l.Flow, l.OrderId }).ToListAsync()).Select(l => (l.Flow, l.OrderId)).ToList()));
    }

    [Fact]
    public async Task A_small_load_into_a_larger_store_keeps_the_indexes_by_time()
    {
        using var factory = new ReconcileFactory();
        Dictionary<string, string>? during = null;

        await using (var load = await BulkLoad.BeginAsync(Scopes(factory), BulkLoad.SuspendLagsFrom - 1, CancellationToken.None))
        {
            await load.StoreAsync(async store =>
            {
                during = await IndexesAsync(factory);
                return await store.StoreAsync("shop", [Order("1001")], null, CancellationToken.None);
            });
            await load.CompleteAsync(CancellationToken.None);
        }

        Assert.All(ByTime, name => Assert.Contains(name, during!.Keys));
    }

    [Fact]
    public async Task A_load_stopped_before_its_end_builds_the_indexes_again_as_it_is_let_go()
    {
        using var factory = new ReconcileFactory();
        var migrated = await IndexesAsync(factory);

        await using (var load = await BulkLoad.BeginAsync(Scopes(factory), BulkLoad.SuspendLagsFrom, CancellationToken.None))
        {
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001")], null, CancellationToken.None));
        }

        Assert.Equal(migrated, await IndexesAsync(factory));
        Assert.Equal(["1001"], await OrderIdsAsync(factory));
    }

    [Fact]
    public async Task Indexes_a_load_left_dropped_when_the_process_died_are_built_at_the_next_start()
    {
        using var factory = new ReconcileFactory();
        var migrated = await IndexesAsync(factory);
        await factory.QueryAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_records_System_OrderUpdatedAt\"; DROP INDEX \"IX_records_System_ReceivedAt_OrderId\"");
            return 0;
        });
        var dropped = await IndexesAsync(factory);
        Assert.All(ByTime, name => Assert.DoesNotContain(name, dropped.Keys));

        await factory.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.Equal(migrated, await IndexesAsync(factory));
    }

    [Fact]
    public async Task A_batch_that_fails_takes_back_its_own_rows_and_the_batches_before_it_stay_stored()
    {
        using var factory = new ReconcileFactory();

        await using (var load = await BulkLoad.BeginAsync(Scopes(factory), 100, CancellationToken.None))
        {
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001"), Order("1002")], null, CancellationToken.None));
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => load.StoreAsync(async store =>
            {
                await store.StoreAsync("shop", [Order("1003")], null, CancellationToken.None);
                throw new InvalidOperationException("the source broke off");
            }));

            Assert.Equal("the source broke off", failure.Message);
            // Committed before the error was raised: another connection sees the first batch already.
            Assert.Equal(["1001", "1002"], await OrderIdsAsync(factory));
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1004")], null, CancellationToken.None));
        }

        Assert.Equal(["1001", "1002", "1004"], await OrderIdsAsync(factory));
    }

    [Fact]
    public async Task Batches_share_a_transaction_until_the_load_is_let_go()
    {
        using var factory = new ReconcileFactory();

        await using (var load = await BulkLoad.BeginAsync(Scopes(factory), 100, CancellationToken.None))
        {
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001")], null, CancellationToken.None));
            // The test's clock stands still, so less than BulkLoad.CommitEvery has passed: nothing is committed yet.
            Assert.Empty(await OrderIdsAsync(factory));
        }

        Assert.Equal(["1001"], await OrderIdsAsync(factory));
    }

    [Fact]
    public async Task Batches_are_committed_once_their_transaction_has_been_open_for_a_second()
    {
        using var factory = new ReconcileFactory();
        await using var load = await BulkLoad.BeginAsync(Scopes(factory), 100, CancellationToken.None);

        await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001")], null, CancellationToken.None));
        factory.Time.Advance(BulkLoad.CommitEvery);
        await load.StoreAsync(store => store.StoreAsync("shop", [Order("1002")], null, CancellationToken.None));
        var afterSecond = await OrderIdsAsync(factory);
        await load.StoreAsync(store => store.StoreAsync("shop", [Order("1003")], null, CancellationToken.None));

        Assert.Equal(["1001", "1002"], afterSecond);
        Assert.Equal(["1001", "1002"], await OrderIdsAsync(factory));
    }

    [Fact]
    public async Task Inside_a_caller_s_transaction_a_store_attempt_that_fails_is_taken_back_whole_before_its_retry()
    {
        using var factory = new ReconcileFactory();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var store = scope.ServiceProvider.GetRequiredService<RecordStore>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var attempts = 0;

            // The first attempt meets the same order stored first (as a webhook's retry racing its original would) and
            // fails on the unique index; what it wrote before, the racing row included, must not survive into the retry.
            await store.StoreAsync("shop", [(Order("2001"), factory.Time.GetUtcNow())], p => RecordParser.Parse(p, null), _ =>
            {
                if (attempts++ == 0)
                {
                    db.Database.ExecuteSqlRaw("""
                        INSERT INTO "records" ("System", "OrderId", "ExternalId", "Copy", "RawPayload", "ReceivedAt", "Quarantined", "Version")
                        VALUES ('shop', '2001', '', 0, 'sent first', 0, 0, 1)
                        """);
                }
            }, CancellationToken.None);
            await transaction.CommitAsync();
            Assert.Equal(2, attempts);
        }

        var stored = await factory.QueryAsync(db => db.Records.AsNoTracking().Select(r => new { r.OrderId, r.Version, r.Quarantined }).ToListAsync());
        Assert.Equal([new { OrderId = "2001", Version = 1, Quarantined = false }], stored);
        Assert.Equal(0, await factory.QueryAsync(db => db.RecordHistory.CountAsync()));
    }

    [Fact]
    public async Task A_load_stopped_by_ctrl_c_keeps_what_it_committed_builds_its_indexes_and_says_so()
    {
        var directory = TestDirectory.Create();
        var database = Path.Combine(directory, "load.db");
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__ConnectionString"] = $"Data Source={database}",
        };

        // Interrupted at its first progress with records stored: far from the end of 180,000 records.
        var stopped = await ReconcileProcess.RunAsync(directory, environment, line => line.StartsWith("simulate: ", StringComparison.Ordinal) && !line.StartsWith("simulate: 0 ", StringComparison.Ordinal),
            "simulate", "--orders", "60000");

        Assert.True(stopped.ExitCode == 130, $"{stopped.ExitCode}: {stopped.Error}");
        Assert.Contains("simulate stopped: what it had stored is kept", stopped.Error + stopped.Out, StringComparison.Ordinal);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM records";
        Assert.InRange((long)(await count.ExecuteScalarAsync())!, 1, 179_999);
        await using var indexes = connection.CreateCommand();
        indexes.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' ORDER BY name";
        var names = new List<string>();
        await using (var reader = await indexes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.All(ByTime, name => Assert.Contains(name, names));
        TestDirectory.TryDelete(directory);
    }

    private static IServiceScopeFactory Scopes(ReconcileFactory factory) => factory.Services.GetRequiredService<IServiceScopeFactory>();

    private static JsonElement Order(string id) => JsonDocument.Parse($$"""
        {"orderId":"{{id}}","customerId":"C-1","currency":"USD","subtotal":10.00,"discount":0,"tax":0.80,"total":10.80,
         "status":"paid","updatedAt":"2026-11-23T14:00:00Z","createdAt":"2026-11-23T13:59:00Z","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":10.00}]}
        """).RootElement;

    /// <summary>The table's indexes (name → columns in order, comma-separated), read on a connection of their own.</summary>
    private static Task<Dictionary<string, string>> IndexesAsync(ReconcileFactory factory, string table = "records") => factory.QueryAsync(async db =>
    {
        var names = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = {table} AND sql IS NOT NULL").ToListAsync();
        var indexes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var columns = await db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM pragma_index_info({name}) ORDER BY seqno").ToListAsync();
            indexes[name] = string.Join(',', columns);
        }

        return indexes;
    });

    private static Task<List<string>> OrderIdsAsync(ReconcileFactory factory) =>
        factory.QueryAsync(db => db.Records.AsNoTracking().OrderBy(r => r.OrderId).Select(r => r.OrderId).ToListAsync());
}
