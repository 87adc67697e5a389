using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Reconciliation.Connectors;

namespace Reconcile.Tests.Reconciliation;

/// <summary>
/// Confirm before paging, through the real host: billing is a Stripe-style API on loopback with <c>Connector:Read</c>,
/// and a run reads an order from it before opening a missing_in_target or field_mismatch against it.
/// </summary>
public sealed class ConfirmingReadsTests : IDisposable
{
    private readonly FakeObjectsApi _billing = new("/v1/orders/");

    public void Dispose() => _billing.Dispose();

    [Fact]
    public async Task A_target_whose_webhook_was_lost_gets_no_exception_because_the_confirming_read_finds_the_order()
    {
        await using var factory = ReconcileFactory.With(Billing(_billing.BaseUrl));
        using var client = factory.CreateClient();
        var updated = factory.Time.GetUtcNow().AddHours(-3);
        var order = SentOrders.Order("#1001", updated);
        await client.IngestAsync("shop", order);
        await client.IngestAsync("crm", order);
        _billing.Put("#1001", Invoice("#1001", updated));

        var run = await RunDriver.RunAsync(client);

        Assert.Equal((0, 1, 1), (run.GetProperty("exceptionsOpened").GetInt32(), run.GetProperty("ordersExamined").GetInt32(), run.GetProperty("ordersMatched").GetInt32()));
        Assert.Empty(await client.ExceptionsAsync());
        var request = Assert.Single(_billing.Requests);
        Assert.Equal("GET", request.Method);
        Assert.EndsWith("/v1/orders/%231001", request.Url, StringComparison.Ordinal);
        var stored = await factory.QueryAsync(db => db.Records.AsNoTracking().SingleAsync(r => r.System == "billing" && r.OrderId == "#1001"));
        Assert.Equal("in_1001", stored.ExternalId);
        Assert.Contains("\"total\":5000", stored.RawPayload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mismatch_whose_correction_never_reached_us_is_read_stored_as_a_new_version_and_pages_nobody()
    {
        await using var factory = ReconcileFactory.With(Billing(_billing.BaseUrl));
        using var client = factory.CreateClient();
        var updated = factory.Time.GetUtcNow().AddHours(-3);
        var order = SentOrders.Order("1004", updated);
        await client.IngestAsync("shop", order);
        await client.IngestAsync("crm", order);
        var stale = SentOrders.Order("1004", updated.AddHours(-1), ",\"externalId\":\"in_1004\"").Replace("\"total\":50.00", "\"total\":40.00", StringComparison.Ordinal);
        await client.IngestAsync("billing", stale);
        _billing.Put("1004", Invoice("1004", updated));

        var run = await RunDriver.RunAsync(client);

        Assert.Equal(0, run.GetProperty("exceptionsOpened").GetInt32());
        Assert.Empty(await client.ExceptionsAsync());
        Assert.Equal(1, await factory.QueryAsync(db => db.RecordHistory.CountAsync(h => h.System == "billing" && h.OrderId == "1004")));
        var current = await factory.QueryAsync(db => db.Records.AsNoTracking().SingleAsync(r => r.System == "billing" && r.OrderId == "1004"));
        Assert.Contains("\"total\":50", current.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_the_target_really_lacks_is_raised_and_says_the_read_confirmed_it()
    {
        await using var factory = ReconcileFactory.With(Billing(_billing.BaseUrl));
        using var client = factory.CreateClient();
        var order = SentOrders.Order("1002", factory.Time.GetUtcNow().AddHours(-3));
        await client.IngestAsync("shop", order);
        await client.IngestAsync("crm", order);

        await RunDriver.RunAsync(client);

        var raised = Assert.Single(await client.ExceptionsAsync());
        Assert.Equal(("1002", "missing_in_target", "billing"), (raised.OrderId, raised.Type, raised.System));
        Assert.Contains("confirmed by reading billing: it does not have the order", await DiagnosticsAsync(factory, "1002"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_is_down_leaves_the_finding_standing_marked_not_confirmed()
    {
        await using var factory = ReconcileFactory.With(Billing("http://127.0.0.1:9/"));
        using var client = factory.CreateClient();
        var order = SentOrders.Order("1003", factory.Time.GetUtcNow().AddHours(-3));
        await client.IngestAsync("shop", order);
        await client.IngestAsync("crm", order);

        var run = await RunDriver.RunAsync(client);

        Assert.Equal(1, run.GetProperty("exceptionsOpened").GetInt32());
        Assert.Contains("not confirmed: billing could not be reached", await DiagnosticsAsync(factory, "1003"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirming_reads_stop_at_the_runs_budget_and_the_rest_say_so()
    {
        var settings = Billing(_billing.BaseUrl);
        settings["Systems:billing:Connector:Read:MaxPerRun"] = "1";
        await using var factory = ReconcileFactory.With(settings);
        using var client = factory.CreateClient();
        var updated = factory.Time.GetUtcNow().AddHours(-3);
        await client.IngestAsync("shop", SentOrders.Order("2001", updated), SentOrders.Order("2002", updated));
        await client.IngestAsync("crm", SentOrders.Order("2001", updated), SentOrders.Order("2002", updated));

        var run = await RunDriver.RunAsync(client);

        Assert.Equal(2, run.GetProperty("exceptionsOpened").GetInt32());
        Assert.Single(_billing.Requests);
        var notes = await DiagnosticsAsync(factory, "2001") + await DiagnosticsAsync(factory, "2002");
        Assert.Contains("not confirmed: this run's 1 confirming reads of billing were spent", notes, StringComparison.Ordinal);
        Assert.Contains("confirmed by reading billing: it does not have the order", notes, StringComparison.Ordinal);
    }

    /// <summary>The failed checks of the order's exception against billing, one per line.</summary>
    private static async Task<string> DiagnosticsAsync(ReconcileFactory factory, string orderId)
    {
        var json = await factory.QueryAsync(db => db.Exceptions.AsNoTracking().Where(e => e.OrderId == orderId && e.System == "billing").Select(e => e.Diagnostics).SingleAsync());
        using var diagnostics = JsonDocument.Parse(json);
        return string.Join("\n", diagnostics.RootElement.GetProperty("failedChecks").EnumerateArray().Select(c => c.GetString()));
    }

    /// <summary>A Stripe-style invoice: lower-case currency, integer minor units, unix seconds, the order id in metadata.</summary>
    private static string Invoice(string orderId, DateTimeOffset paidAt) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"id":"in_{{{orderId.TrimStart('#')}}}","object":"invoice","customer":"C-77","currency":"usd","subtotal":5000,"total_discount":0,"total":5000,
         "status":"paid","metadata":{"order_id":"{{{orderId}}}"},"status_transitions":{"paid_at":{{{paidAt.ToUnixTimeSeconds()}}}},
         "lines":{"data":[{"quantity":1,"price":{"lookup_key":"SKU-1","unit_amount":5000}}],"has_more":false}}
        """);

    /// <summary>billing as a Stripe-style API with a Read by order id; its Mapping reads the invoice above.</summary>
    internal static Dictionary<string, string?> Billing(string baseUrl) => new()
    {
        ["Systems:billing:Connector:Kind"] = "Http",
        ["Systems:billing:Connector:BaseUrl"] = baseUrl,
        ["Systems:billing:Connector:Token"] = "sk_test_billing",
        ["Systems:billing:Connector:Retries"] = "0",
        ["Systems:billing:Connector:Read:Path"] = "v1/orders/{orderId}",
        ["Systems:billing:Mapping:orderId:Pointer"] = "/metadata/order_id",
        ["Systems:billing:Mapping:externalId:Pointer"] = "/id",
        ["Systems:billing:Mapping:customerId:Pointer"] = "/customer",
        ["Systems:billing:Mapping:currency:Pointer"] = "/currency",
        ["Systems:billing:Mapping:currency:Convert"] = "upper",
        ["Systems:billing:Mapping:subtotal:Pointer"] = "/subtotal",
        ["Systems:billing:Mapping:subtotal:Convert"] = "minorUnits",
        ["Systems:billing:Mapping:discount:Pointer"] = "/total_discount",
        ["Systems:billing:Mapping:discount:Convert"] = "minorUnits",
        ["Systems:billing:Mapping:total:Pointer"] = "/total",
        ["Systems:billing:Mapping:total:Convert"] = "minorUnits",
        ["Systems:billing:Mapping:status:Pointer"] = "/status",
        ["Systems:billing:Mapping:updatedAt:Pointer"] = "/status_transitions/paid_at",
        ["Systems:billing:Mapping:updatedAt:Convert"] = "unixSeconds",
        ["Systems:billing:Mapping:lines:Pointer"] = "/lines/data",
        ["Systems:billing:Mapping:lines:Item:sku:Pointer"] = "/price/lookup_key",
        ["Systems:billing:Mapping:lines:Item:quantity:Pointer"] = "/quantity",
        ["Systems:billing:Mapping:lines:Item:unitPrice:Pointer"] = "/price/unit_amount",
        ["Systems:billing:Mapping:lines:Item:unitPrice:Convert"] = "minorUnits",
    };
}
