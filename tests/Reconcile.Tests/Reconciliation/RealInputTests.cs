using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>
/// The smallest inputs users really send, pushed through the ingest API and reconciled by a run:
/// repeated SKUs, blank and padded values, duplicates without external ids. The class shares one host (none of its
/// tests moves the clock); each test starts with no records, reference data, runs or exceptions, so its run is the
/// flow's first and compares only what the test sent.
/// </summary>
public sealed class RealInputTests(ReconcileFactory host) : IClassFixture<ReconcileFactory>, IAsyncLifetime
{
    private readonly ReconcileFactory _factory = host;
    private readonly HttpClient _client = host.CreateClient();

    public async Task InitializeAsync()
    {
        await _factory.ClearAsync<SlackOutboxEntity>();
        await _factory.ClearAsync<ExceptionEntity>();
        await _factory.ClearAsync<RunEntity>();
        await _factory.ClearAsync<RecordHistoryEntity>();
        await _factory.ClearAsync<RecordEntity>();
        await _factory.ClearAsync<CustomerEntity>();
        await _factory.ClearAsync<ProductEntity>();
        await _factory.ClearAsync<PromotionEntity>();
    }

    private DateTimeOffset HoursAgo => _factory.Time.GetUtcNow().AddHours(-3);

    private async Task SendAsync(string shop, string crm, string billing)
    {
        await _client.IngestAsync("shop", shop);
        await _client.IngestAsync("crm", crm);
        await _client.IngestAsync("billing", billing);
    }

    [Fact]
    public async Task A_repeated_sku_that_reached_billing_as_one_line_is_one_partial_sync_of_its_quantity()
    {
        var shop = SentOrders.Order("L-1", HoursAgo, "", ("SKU-1", 1, 25.00m), ("SKU-1", 1, 25.00m));
        var billing = SentOrders.Order("L-1", HoursAgo, "", ("SKU-1", 1, 25.00m)).Replace("\"total\":25.00", "\"total\":50.00", StringComparison.Ordinal)
            .Replace("\"subtotal\":25.00", "\"subtotal\":50.00", StringComparison.Ordinal);
        await SendAsync(shop, shop, billing);

        var run = await RunDriver.RunAsync(_client);

        Assert.Equal(1, run.GetProperty("exceptionsOpened").GetInt32());
        Assert.Equal([("L-1", "partial_sync", "billing", "lines[SKU-1].quantity", "2", "1")], await _client.ExceptionsAsync());
    }

    [Theory]
    [InlineData("""[{"sku":"SKU-1","quantity":1,"unitPrice":50.00},{"sku":"SKU-1","quantity":1,"unitPrice":40.00}]""", """[{"sku":"SKU-1","quantity":1,"unitPrice":50.00},{"sku":"SKU-1","quantity":1,"unitPrice":40.00}]""")]
    [InlineData("""[{"sku":"SKU-1","quantity":1,"unitPrice":50.00},{"sku":"SKU-1","quantity":1,"unitPrice":40.00}]""", """[{"sku":"SKU-1","quantity":1,"unitPrice":40.00},{"sku":"SKU-1","quantity":1,"unitPrice":50.00}]""")]
    [InlineData("""[{"sku":"SKU-1","quantity":1,"unitPrice":45.00},{"sku":"SKU-1","quantity":1,"unitPrice":45.00}]""", """[{"sku":"SKU-1","quantity":2,"unitPrice":45.00}]""")]
    public async Task The_same_units_split_merged_or_reordered_are_clean(string shopLines, string billingLines)
    {
        var shop = SentOrders.Order("L-2", HoursAgo).Replace("\"total\":50.00", "\"total\":90.00", StringComparison.Ordinal)
            .Replace("\"subtotal\":50.00", "\"subtotal\":90.00", StringComparison.Ordinal);
        var withShopLines = shop.Replace("""[{"sku":"SKU-1","quantity":1,"unitPrice":50.00}]""", shopLines, StringComparison.Ordinal);
        await SendAsync(withShopLines, withShopLines, shop.Replace("""[{"sku":"SKU-1","quantity":1,"unitPrice":50.00}]""", billingLines, StringComparison.Ordinal));

        var run = await RunDriver.RunAsync(_client);

        Assert.Equal((1, 1), (run.GetProperty("ordersExamined").GetInt32(), run.GetProperty("ordersMatched").GetInt32()));
        Assert.Empty(await _client.ExceptionsAsync());
    }

    [Fact]
    public async Task A_null_promo_code_in_the_shop_and_an_empty_one_in_the_crm_are_both_no_promo_code()
    {
        await ReferenceAsync();
        var shop = SentOrders.Order("B-1", HoursAgo, ",\"promoCode\":null");
        await SendAsync(shop, SentOrders.Order("B-1", HoursAgo, ",\"promo_tag\":\"\""), shop);

        var run = await RunDriver.RunAsync(_client);

        Assert.Equal((1, 1), (run.GetProperty("ordersExamined").GetInt32(), run.GetProperty("ordersMatched").GetInt32()));
        Assert.Empty(await _client.ExceptionsAsync());
    }

    [Fact]
    public async Task Padding_around_an_order_id_or_a_promo_code_is_not_part_of_it_and_the_raw_payload_keeps_it()
    {
        await ReferenceAsync();
        var shop = SentOrders.Order("X-1", HoursAgo, ",\"promoCode\":\"WINTER26\"");
        await SendAsync(shop, SentOrders.Order("X-1 ", HoursAgo, ",\"promo_tag\":\"WINTER26  \""), shop);

        var run = await RunDriver.RunAsync(_client);

        Assert.Equal((1, 1), (run.GetProperty("ordersExamined").GetInt32(), run.GetProperty("ordersMatched").GetInt32()));
        Assert.Empty(await _client.ExceptionsAsync());
        await using var scope = _factory.Services.CreateAsyncScope();
        var crm = await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().Records.SingleAsync(r => r.System == "crm");
        Assert.Equal("X-1", crm.OrderId);
        Assert.Contains("\"orderId\":\"X-1 \"", crm.RawPayload, StringComparison.Ordinal);
        Assert.Contains("\"promo_tag\":\"WINTER26  \"", crm.RawPayload, StringComparison.Ordinal);
        Assert.Contains("\"promoCode\":\"WINTER26\"", crm.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Order_ids_stay_case_sensitive()
    {
        var shop = SentOrders.Order("X-1", HoursAgo);
        await SendAsync(shop, shop, SentOrders.Order("x-1", HoursAgo));

        await RunDriver.RunAsync(_client);

        var exceptions = await _client.ExceptionsAsync();
        Assert.Equal(2, exceptions.Count);
        Assert.Contains(("X-1", "missing_in_target", "billing", null, "present", null), exceptions);
        Assert.Contains(("x-1", "orphan_in_target", "billing", null, null, "present"), exceptions);
    }

    [Fact]
    public async Task Two_payloads_claiming_one_updated_at_without_external_ids_are_a_duplicate_and_both_are_kept()
    {
        var order = SentOrders.Order("U-1", HoursAgo);
        await _client.IngestAsync("crm", order);
        await _client.IngestAsync("billing", order);
        var batch = await _client.IngestAsync("shop", order, order.Replace("\"status\":\"paid\"", "\"status\":\"refunded\"", StringComparison.Ordinal));
        await _client.IngestAsync("billing", order.Replace("\"status\":\"paid\"", "\"status\":\"cancelled\"", StringComparison.Ordinal));

        var run = await RunDriver.RunAsync(_client);

        Assert.Equal(2, batch.GetProperty("accepted").GetInt32());
        var duplicates = (await _client.ExceptionsAsync("&type=duplicate")).Select(e => (e.System, e.Attribute, e.Actual)).ToList();
        Assert.Equal([("billing", "updatedAt", "2 different records"), ("shop", "updatedAt", "2 different records")], duplicates);
        Assert.Equal(2, run.GetProperty("findingsByType").GetProperty("duplicate").GetInt32());
        Assert.Equal(2, await RowsAsync("shop", "U-1"));
        Assert.Equal(2, await RowsAsync("billing", "U-1"));

        // A newer updatedAt is an update: it settles the duplicate, which resolves on the next run.
        await _client.IngestAsync("billing", SentOrders.Order("U-1", HoursAgo.AddMinutes(5)));
        await RunDriver.RunAsync(_client);
        Assert.Equal(1, await RowsAsync("billing", "U-1"));
        Assert.Equal([("shop", "updatedAt", "2 different records")], (await _client.ExceptionsAsync("&type=duplicate&state=open")).Select(e => (e.System, e.Attribute, e.Actual)));
    }

    [Fact]
    public async Task Reference_data_accepts_the_records_envelope_and_trims_its_ids()
    {
        var response = await _client.PostJsonAsync("/api/reference/customers", """{"records":[{"id":" C-77 ","name":"Ada"}]}""");

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await using var scope = _factory.Services.CreateAsyncScope();
        Assert.Equal("C-77", (await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().Customers.SingleAsync()).Id);
    }

    private async Task ReferenceAsync()
    {
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await _client.PostJsonAsync("/api/reference/promotions", """{"records":[{"code":"WINTER26"},{"code":"SPRING24"}]}""")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await _client.PostJsonAsync("/api/reference/customers", """{"customers":[{"id":"C-77"}]}""")).StatusCode);
    }

    private async Task<int> RowsAsync(string system, string orderId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().Records.CountAsync(r => r.System == system && r.OrderId == orderId);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }
}
