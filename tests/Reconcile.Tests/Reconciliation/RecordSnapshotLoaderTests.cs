using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Reconciliation;
using Reconcile.Tests.Data.Postgres;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>
/// What an incremental run reads: the orders changed or carried since the last run (one statement, an index that
/// covers it), and their records in two halves read at once on two connections, each order whole in one half.
/// </summary>
public sealed class RecordSnapshotLoaderTests
{
    private static readonly string[] Systems = ["shop", "crm", "billing"];

    [Fact]
    public async Task The_changed_orders_are_those_received_since_the_watermark_and_those_inside_the_lag_window_then() =>
        await ChangedOrdersAsync(new ReconcileFactory());

    [SkippableFact]
    public async Task The_changed_orders_are_the_same_on_postgres()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await ChangedOrdersAsync(OnPostgres(database));
    }

    [Fact]
    public async Task A_full_run_s_ranges_read_by_two_readers_come_in_order_of_order_ids_each_order_once() =>
        await RangesAsync(new ReconcileFactory());

    [SkippableFact]
    public async Task A_full_run_s_ranges_read_by_two_readers_on_postgres_come_in_order_each_order_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await RangesAsync(OnPostgres(database));
    }

    [Fact]
    public async Task Orders_read_in_two_halves_hold_every_record_of_each_order_once_and_as_stored() =>
        await HalvesAsync(new ReconcileFactory());

    [SkippableFact]
    public async Task Orders_read_in_two_halves_on_postgres_hold_every_record_of_each_order_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await HalvesAsync(OnPostgres(database));
    }

    [Fact]
    public async Task The_changed_orders_are_found_in_the_index_alone_without_reading_the_table()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """EXPLAIN QUERY PLAN SELECT "OrderId" FROM records WHERE "System" IN ('shop', 'crm') AND "ReceivedAt" > 0""";
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("USING COVERING INDEX IX_records_System_ReceivedAt_OrderId", StringComparison.Ordinal));
    }

    private static ReconcileFactory OnPostgres(PostgresDatabase database) => ReconcileFactory.With(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = database.ConnectionString,
    });

    private static async Task ChangedOrdersAsync(ReconcileFactory factory)
    {
        using (factory)
        {
            var (lastRun, window) = await GivenAsync(factory);
            await using var scope = factory.Services.CreateAsyncScope();
            var loader = new RecordSnapshotLoader(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());

            var changed = await loader.ChangedOrderIdsAsync(Systems, lastRun, lastRun - window, CancellationToken.None);

            // O-03 changed in the CRM and N-1 is new since the last run; Y-1 was inside the window at it.
            Assert.Equal(["N-1", "O-03", "Y-1"], changed.Order(StringComparer.Ordinal));
        }
    }

    private static async Task HalvesAsync(ReconcileFactory factory)
    {
        using (factory)
        {
            await GivenAsync(factory);
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var loader = new RecordSnapshotLoader(db, scope.ServiceProvider.GetRequiredService<IServiceScopeFactory>()) { SplitFrom = 2 };
            var orders = (await new RecordSnapshotLoader(db).ChangedOrderIdsAsync(Systems, DateTimeOffset.MinValue.AddYears(1), DateTimeOffset.MinValue.AddYears(1), CancellationToken.None)).ToList();
            Assert.Equal(22, orders.Count);

            var parts = await loader.InPartsAsync(Systems, orders, snapshot => (
                Orders: snapshot.OrderIds.ToHashSet(StringComparer.Ordinal),
                Records: Systems.SelectMany(s => snapshot.OrderIds.SelectMany(id => snapshot.Get(s, id))).ToList()), CancellationToken.None);

            Assert.Equal(2, parts.Count);
            Assert.Equal(11, parts[0].Orders.Count);
            Assert.Empty(parts[0].Orders.Intersect(parts[1].Orders));
            var records = parts.SelectMany(p => p.Records).ToList();
            // 20 orders in three systems, Y-1 in the shop and N-1 in billing.
            Assert.Equal(62, records.Count);
            Assert.Equal(62, records.Select(r => (r.System, r.OrderId)).Distinct().Count());
            Assert.All(parts, part => Assert.All(part.Records, r => Assert.Contains(r.OrderId, part.Orders)));
            Assert.Equal(55.00m, Assert.Single(records, r => r.System == "crm" && r.OrderId == "O-03").Record!.Total);
        }
    }

    private static async Task RangesAsync(ReconcileFactory factory)
    {
        using (factory)
        {
            await GivenAsync(factory);
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            // 22 orders in ranges of 3: eight ranges, four read by each reader.
            var loader = new RecordSnapshotLoader(db, scope.ServiceProvider.GetRequiredService<IServiceScopeFactory>()) { OrdersPerRange = 3 };
            var ranges = new List<List<string>>();
            var records = 0;
            await foreach (var range in loader.StreamAllAsync(Systems, progress: null, CancellationToken.None))
            {
                ranges.Add([.. range.OrderIds.Order(StringComparer.Ordinal)]);
                records += Systems.Sum(s => range.OrderIds.Sum(id => range.Get(s, id).Count));
            }

            Assert.Equal([3, 3, 3, 3, 3, 3, 3, 1], ranges.Select(r => r.Count));
            var all = ranges.SelectMany(r => r).ToList();
            Assert.Equal(all.Order(StringComparer.Ordinal), all);
            Assert.Equal(22, all.Distinct().Count());
            Assert.Equal(62, records);
        }
    }

    /// <summary>
    /// Twenty orders of a day ago in all three systems; half an hour later Y-1 (updated five minutes before) in the shop
    /// and a run's time; half an hour after it O-03 changed in the CRM and N-1 new in billing. Returns the run's time and lag window.
    /// </summary>
    private static async Task<(DateTimeOffset LastRun, TimeSpan Window)> GivenAsync(ReconcileFactory factory)
    {
        using var client = factory.CreateClient();
        var start = factory.Time.GetUtcNow();
        var old = Enumerable.Range(1, 20).Select(i => SentOrders.Order($"O-{i:00}", start.AddDays(-1))).ToArray();
        foreach (var system in Systems)
        {
            await client.IngestAsync(system, old);
        }

        factory.Time.Advance(TimeSpan.FromMinutes(30));
        await client.IngestAsync("shop", SentOrders.Order("Y-1", start.AddMinutes(25)));
        var lastRun = factory.Time.GetUtcNow();
        factory.Time.Advance(TimeSpan.FromMinutes(30));
        await client.IngestAsync("crm", SentOrders.Order("O-03", start.AddMinutes(50)).Replace("\"total\":50.00", "\"total\":55.00", StringComparison.Ordinal));
        await client.IngestAsync("billing", SentOrders.Order("N-1", start.AddMinutes(50)));
        return (lastRun, TimeSpan.FromMinutes(15));
    }
}
