using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Ingest;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

/// <summary>
/// A bulk load into a system that held no records looks up only the orders it may have stored itself: what it stored in
/// an earlier batch is still found and updated, a system that held records is looked up whole, and a record another
/// writer stored meanwhile is merged, not refused.
/// </summary>
public sealed class BulkLoadLookupTests
{
    [Fact]
    public void The_filter_never_misses_an_order_it_was_given_and_seldom_claims_one_it_was_not()
    {
        var filter = new OrderIdFilter(10_000);
        var added = Enumerable.Range(0, 10_000).Select(n => $"#{100_000 + n}").ToList();
        foreach (var orderId in added)
        {
            filter.Add(orderId);
        }

        var claimed = Enumerable.Range(0, 10_000).Count(n => filter.MayContain($"#{200_000 + n}"));

        Assert.All(added, orderId => Assert.True(filter.MayContain(orderId), orderId));
        // Ten bits and seven probes an id: about 0.8 % of the ids never added.
        Assert.InRange(claimed, 1, 200);
    }

    [Fact]
    public void Past_its_capacity_the_filter_still_never_misses_an_order()
    {
        var filter = new OrderIdFilter(0);
        var added = Enumerable.Range(0, 20_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        foreach (var orderId in added)
        {
            filter.Add(orderId);
        }

        Assert.All(added, orderId => Assert.True(filter.MayContain(orderId), orderId));
    }

    [Fact]
    public async Task Only_orders_the_load_stored_are_looked_up_in_a_system_empty_at_its_start_and_every_order_in_one_that_was_not()
    {
        using var factory = new ReconcileFactory();
        await StoreAsync(factory, "crm", Order("1001", "2026-11-23T14:00:00Z", "10.80"));
        var loaded = new LoadedOrders(100);

        var (shopFirst, shopSecond, crm) = await factory.QueryAsync(async db => (
            await loaded.ToLookUpAsync(db, "shop", ["1001", "1002"], CancellationToken.None),
            await loaded.ToLookUpAsync(db, "shop", ["1002", "1003"], CancellationToken.None),
            await loaded.ToLookUpAsync(db, "crm", ["1001", "1004"], CancellationToken.None)));

        Assert.Empty(shopFirst);
        Assert.Equal(["1002"], shopSecond);
        Assert.Equal(["1001", "1004"], crm);
    }

    [Fact]
    public async Task A_load_into_an_empty_store_updates_an_order_it_stored_in_an_earlier_batch_and_ignores_an_identical_resend()
    {
        using var factory = new ReconcileFactory();

        await using (var load = await BulkLoad.BeginAsync(Scopes(factory), 100, CancellationToken.None))
        {
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001", "2026-11-23T14:00:00Z", "10.80"), Order("1002", "2026-11-23T14:00:00Z", "5.40")], null, CancellationToken.None));
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001", "2026-11-23T14:30:00Z", "12.96")], null, CancellationToken.None));
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001", "2026-11-23T14:30:00Z", "12.96")], null, CancellationToken.None));
            await load.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal([("1001", 2, 12.96m), ("1002", 1, 5.40m)], await RecordsAsync(factory));
        Assert.Equal(["1001"], await factory.QueryAsync(db => db.RecordHistory.Select(h => h.OrderId).ToListAsync()));
    }

    [Fact]
    public async Task A_load_into_a_system_that_held_records_finds_them()
    {
        using var factory = new ReconcileFactory();
        await StoreAsync(factory, "shop", Order("1001", "2026-11-23T14:00:00Z", "10.80"));

        await using (var load = await BulkLoad.BeginAsync(Scopes(factory), 100, CancellationToken.None))
        {
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001", "2026-11-23T14:00:00Z", "10.80"), Order("1002", "2026-11-23T14:00:00Z", "5.40")], null, CancellationToken.None));
            await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001", "2026-11-23T14:30:00Z", "12.96")], null, CancellationToken.None));
            await load.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal([("1001", 2, 12.96m), ("1002", 1, 5.40m)], await RecordsAsync(factory));
    }

    [Fact]
    public async Task An_order_another_writer_stored_during_the_load_is_updated_by_the_load_not_refused()
    {
        using var factory = new ReconcileFactory();
        await using var load = await BulkLoad.BeginAsync(Scopes(factory), 100, CancellationToken.None);
        await load.StoreAsync(store => store.StoreAsync("shop", [Order("1001", "2026-11-23T14:00:00Z", "10.80")], null, CancellationToken.None));
        // The load's transaction has been open a second: it commits, and a webhook may store in between its batches.
        factory.Time.Advance(BulkLoad.CommitEvery);
        await load.StoreAsync(store => store.StoreAsync("shop", [Order("1002", "2026-11-23T14:00:00Z", "5.40")], null, CancellationToken.None));
        await StoreAsync(factory, "shop", Order("1003", "2026-11-23T14:00:00Z", "21.60"));

        var result = await load.StoreAsync(store => store.StoreAsync("shop", [Order("1003", "2026-11-23T14:30:00Z", "25.92")], null, CancellationToken.None));
        await load.CompleteAsync(CancellationToken.None);

        Assert.Equal((1, 0), (result.Accepted, result.Quarantined));
        Assert.Equal([("1001", 1, 10.80m), ("1002", 1, 5.40m), ("1003", 2, 25.92m)], await RecordsAsync(factory));
        Assert.Equal(["1003"], await factory.QueryAsync(db => db.RecordHistory.Select(h => h.OrderId).ToListAsync()));
    }

    private static IServiceScopeFactory Scopes(ReconcileFactory factory) => factory.Services.GetRequiredService<IServiceScopeFactory>();

    private static async Task StoreAsync(ReconcileFactory factory, string system, JsonElement payload)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RecordStore>().StoreAsync(system, [payload], null, CancellationToken.None);
    }

    private static async Task<List<(string OrderId, int Version, decimal? Total)>> RecordsAsync(ReconcileFactory factory) =>
        (await factory.QueryAsync(db => db.Records.AsNoTracking().OrderBy(r => r.OrderId).Select(r => new { r.OrderId, r.Version, r.Total }).ToListAsync()))
        .Select(r => (r.OrderId, r.Version, r.Total)).ToList();

    private static JsonElement Order(string id, string updatedAt, string total) => JsonDocument.Parse($$"""
        {"orderId":"{{id}}","customerId":"C-1","currency":"USD","subtotal":{{total}},"discount":0,"tax":0,"total":{{total}},
         "status":"paid","updatedAt":"{{updatedAt}}","createdAt":"2026-11-23T13:59:00Z","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":{{total}}}]}
        """).RootElement;
}
