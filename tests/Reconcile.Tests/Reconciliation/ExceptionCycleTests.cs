using System.Net;
using System.Text.Json;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>
/// Open → update → auto-resolve → recur, driven through ingest and runs over HTTP. Each test keeps a host of its own:
/// it moves the host's clock (which never goes back) against orders dated from the clock's start, and its incremental
/// runs count every order changed since the flow's last run, so another test's orders or runs would change its figures.
/// </summary>
public sealed class ExceptionCycleTests : IDisposable
{
    private readonly ReconcileFactory _factory = new();
    private readonly HttpClient _client;

    public ExceptionCycleTests() => _client = _factory.CreateClient();

    /// <summary>An order whose only line costs <paramref name="linePrice"/> (default: the total), so a total can differ alone.</summary>
    /// <remarks>Updated at 12:00 by default, three hours before the factory's clock: outside the lag window.</remarks>
    private static string Order(string id, decimal total, decimal? linePrice = null, string updatedAt = "2026-11-23T12:00:00Z") =>
        $$"""{"orderId":"{{id}}","customerId":"C-77","currency":"USD","subtotal":{{total}},"discount":0,"tax":0,"total":{{total}},"status":"paid","updatedAt":"{{updatedAt}}","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":{{linePrice ?? total}}}]}""";

    private async Task IngestAsync(string system, params string[] records)
    {
        var response = await _client.PostJsonAsync($"/api/systems/{system}/records", $$"""{"records":[{{string.Join(",", records)}}]}""");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private async Task<List<JsonElement>> ExceptionsAsync(string query = "")
    {
        var body = JsonDocument.Parse(await (await _client.GetWithTokenAsync($"/api/exceptions?orderId=7001{query}")).Content.ReadAsStringAsync()).RootElement;
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    [Fact]
    public async Task A_mismatch_is_opened_updated_resolved_automatically_and_reopened_when_it_comes_back()
    {
        await IngestAsync("shop", Order("7001", 90m));
        await IngestAsync("crm", Order("7001", 90m));
        await IngestAsync("billing", Order("7001", 95m, linePrice: 90m));
        _factory.Time.Advance(TimeSpan.FromMinutes(20));

        var first = await RunDriver.RunAsync(_client);
        Assert.Equal(1, first.GetProperty("exceptionsOpened").GetInt32());
        var opened = Assert.Single(await ExceptionsAsync());
        Assert.Equal("field_mismatch", opened.GetProperty("type").GetString());
        Assert.Equal("billing", opened.GetProperty("system").GetString());
        Assert.Equal("total", opened.GetProperty("attribute").GetString());
        Assert.Equal(90m, decimal.Parse(opened.GetProperty("expected").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(95m, decimal.Parse(opened.GetProperty("actual").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("finance-ops", opened.GetProperty("owner").GetString());
        Assert.Equal("open", opened.GetProperty("state").GetString());
        Assert.True(opened.GetProperty("slaDueAt").GetDateTimeOffset() > _factory.Time.GetUtcNow());

        var second = await RunDriver.RunAsync(_client, full: true);
        Assert.Equal(1, second.GetProperty("exceptionsUpdated").GetInt32());
        Assert.Equal(2, Assert.Single(await ExceptionsAsync()).GetProperty("occurrences").GetInt32());

        await IngestAsync("billing", Order("7001", 90m, updatedAt: "2026-11-23T12:30:00Z"));
        var third = await RunDriver.RunAsync(_client);
        Assert.Equal(1, third.GetProperty("exceptionsAutoResolved").GetInt32());
        var resolved = Assert.Single(await ExceptionsAsync());
        Assert.Equal("resolved", resolved.GetProperty("state").GetString());
        Assert.Equal("auto", resolved.GetProperty("resolution").GetString());

        var audit = JsonDocument.Parse(await (await _client.GetWithTokenAsync($"/api/exceptions/{resolved.GetProperty("id").GetInt64()}/audit")).Content.ReadAsStringAsync())
            .RootElement.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["opened", "auto_resolved"], audit);

        // Both systems send a new version of the order at 13:00; billing's total is wrong again.
        await IngestAsync("shop", Order("7001", 90m, updatedAt: "2026-11-23T13:00:00Z"));
        await IngestAsync("billing", Order("7001", 99m, linePrice: 90m, updatedAt: "2026-11-23T13:00:00Z"));
        _factory.Time.Advance(TimeSpan.FromMinutes(1));
        await RunDriver.RunAsync(_client);
        var all = await ExceptionsAsync();
        Assert.Equal(2, all.Count);
        var recurrence = all.Single(e => e.GetProperty("state").GetString() == "open");
        Assert.Equal(resolved.GetProperty("id").GetInt64(), recurrence.GetProperty("previousExceptionId").GetInt64());
    }

    [Fact]
    public async Task An_incremental_run_examines_only_orders_changed_since_the_last_one()
    {
        var orders = Enumerable.Range(1, 50).Select(i => Order($"8{i:000}", 10m + i)).ToArray();
        await IngestAsync("shop", orders);
        await IngestAsync("crm", orders);
        await IngestAsync("billing", orders);
        _factory.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(50, (await RunDriver.RunAsync(_client)).GetProperty("ordersExamined").GetInt32());

        _factory.Time.Advance(TimeSpan.FromHours(1));
        // 8001 is resent unchanged; 8002 and 8003 change.
        await IngestAsync("billing", Order("8001", 11m), Order("8002", 999m, linePrice: 12m, updatedAt: "2026-11-23T12:30:00Z"), Order("8003", 999m, linePrice: 13m, updatedAt: "2026-11-23T12:30:00Z"));
        var incremental = await RunDriver.RunAsync(_client);

        Assert.Equal(2, incremental.GetProperty("ordersExamined").GetInt32());
        Assert.Equal(2, incremental.GetProperty("exceptionsOpened").GetInt32());
        Assert.False(incremental.GetProperty("full").GetBoolean());
    }

    [Fact]
    public async Task An_order_brought_back_unchanged_by_the_lag_window_overlap_is_not_counted_twice()
    {
        var orders = Enumerable.Range(1, 20).Select(i => Order($"8{i:000}", 10m + i)).ToArray();
        await IngestAsync("shop", orders);
        await IngestAsync("crm", orders);
        await IngestAsync("billing", orders);
        _factory.Time.Advance(TimeSpan.FromMinutes(15.5));
        Assert.Equal(20, (await RunDriver.RunAsync(_client)).GetProperty("ordersExamined").GetInt32());

        _factory.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await RunDriver.RunAsync(_client);

        Assert.False(again.GetProperty("full").GetBoolean());
        Assert.Equal(0, again.GetProperty("ordersExamined").GetInt32());
        Assert.Equal(0, again.GetProperty("exceptionsOpened").GetInt32());
    }

    [Fact]
    public async Task An_order_too_young_for_the_lag_window_is_carried_by_later_runs_until_it_is_old_enough()
    {
        await IngestAsync("shop", Order("7001", 90m, updatedAt: "2026-11-23T14:59:00Z"));
        var first = await RunDriver.RunAsync(_client);
        Assert.Equal((0, 1, 0), (first.GetProperty("ordersExamined").GetInt32(), first.GetProperty("ordersPending").GetInt32(), first.GetProperty("exceptionsOpened").GetInt32()));

        // A run in between sees nothing new arrive: the order is still pending and stays carried.
        _factory.Time.Advance(TimeSpan.FromMinutes(10));
        var between = await RunDriver.RunAsync(_client);
        Assert.Equal((0, 1), (between.GetProperty("ordersExamined").GetInt32(), between.GetProperty("ordersPending").GetInt32()));

        _factory.Time.Advance(TimeSpan.FromMinutes(10));
        var later = await RunDriver.RunAsync(_client);

        Assert.False(later.GetProperty("full").GetBoolean());
        Assert.Equal((1, 0, 0), (later.GetProperty("ordersExamined").GetInt32(), later.GetProperty("ordersMatched").GetInt32(), later.GetProperty("ordersPending").GetInt32()));
        Assert.Equal(2, later.GetProperty("exceptionsOpened").GetInt32());
        Assert.All(await ExceptionsAsync(), e => Assert.Equal("missing_in_target", e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task An_order_updated_in_the_future_stays_pending_until_its_time_and_window_have_passed()
    {
        await IngestAsync("shop", Order("7001", 90m, updatedAt: "2026-11-23T16:00:00+00:00"));
        Assert.Equal(1, (await RunDriver.RunAsync(_client)).GetProperty("ordersPending").GetInt32());

        _factory.Time.Advance(TimeSpan.FromMinutes(70));
        Assert.Equal(1, (await RunDriver.RunAsync(_client)).GetProperty("ordersPending").GetInt32());

        _factory.Time.Advance(TimeSpan.FromMinutes(10));
        var passed = await RunDriver.RunAsync(_client);
        Assert.Equal((1, 0), (passed.GetProperty("ordersExamined").GetInt32(), passed.GetProperty("ordersPending").GetInt32()));
        Assert.Equal(2, passed.GetProperty("exceptionsOpened").GetInt32());
    }

    [Fact]
    public async Task An_order_whose_source_just_changed_is_not_declared_reconciled_before_it_was_compared()
    {
        await IngestAsync("shop", Order("7001", 90m));
        await IngestAsync("crm", Order("7001", 90m));
        await IngestAsync("billing", Order("7001", 95m, linePrice: 90m));
        _factory.Time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(1, (await RunDriver.RunAsync(_client)).GetProperty("exceptionsOpened").GetInt32());

        // The shop sends an update (a region it did not send before): for the lag window the order is too young to compare.
        await IngestAsync("shop", Order("7001", 90m, updatedAt: "2026-11-23T15:19:00Z").Replace("\"status\":\"paid\"", "\"status\":\"paid\",\"region\":\"US-CA\"", StringComparison.Ordinal));
        var young = await RunDriver.RunAsync(_client);
        Assert.Equal(0, young.GetProperty("exceptionsAutoResolved").GetInt32());
        Assert.Equal("open", Assert.Single(await ExceptionsAsync()).GetProperty("state").GetString());

        _factory.Time.Advance(TimeSpan.FromMinutes(20));
        var later = await RunDriver.RunAsync(_client);
        Assert.Equal(0, later.GetProperty("exceptionsOpened").GetInt32());
        Assert.Equal(0, later.GetProperty("exceptionsAutoResolved").GetInt32());
        Assert.Equal("open", Assert.Single(await ExceptionsAsync()).GetProperty("state").GetString());
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }
}
