using Reconcile.Engine.Records;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Reconcile.Tests.Ingest.Pull;

/// <summary>A paged pull of each vendor's shape, through the real host, against a fake API on loopback: every record read once.</summary>
public sealed class PullPagingTests : IDisposable
{
    private readonly WireMockServer _api = WireMockServer.Start();

    public void Dispose() => _api.Stop();

    [Fact]
    public async Task A_shop_paged_by_its_Link_header_is_read_page_after_page_and_every_order_stored_once()
    {
        var orders = "/admin/api/2024-10/orders.json";
        _api.Given(Request.Create().WithPath(orders).WithParam("limit", "2").WithParam("status", "any").UsingGet())
            .RespondWith(Response.Create().WithBody(Page("orders", NativeItems.ShopOrder(1001), NativeItems.ShopOrder(1002)))
                .WithHeader("Link", $"<{_api.Url}{orders}?limit=2&page_info=p2>; rel=\"next\""));
        _api.Given(Request.Create().WithPath(orders).WithParam("page_info", "p2").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithBody(Page("orders", NativeItems.ShopOrder(1003), NativeItems.ShopOrder(1004)))
                .WithHeader("Link", $"<{_api.Url}{orders}?limit=2&page_info=p1>; rel=\"previous\", <{orders}?limit=2&page_info=p3>; rel=\"next\""));
        _api.Given(Request.Create().WithPath(orders).WithParam("page_info", "p3").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithBody(Page("orders", NativeItems.ShopOrder(1005)))
                .WithHeader("Link", $"<{_api.Url}{orders}?limit=2&page_info=p2>; rel=\"previous\""));
        using var factory = PullHost.Create("shop-shopify.json", "shop", _api.Url + "/admin/api/2024-10/", new Dictionary<string, string?>
        {
            ["Path"] = "orders.json?status=any&limit=2",
            ["ItemsPointer"] = "/orders",
            ["Paging:Kind"] = "Link",
        });

        var pull = await PullHost.PullAsync(factory.CreateClient(), "shop");

        PullHost.AssertCompleted(pull);
        Assert.Equal(3, pull.GetProperty("pages").GetInt32());
        Assert.Equal(5, pull.GetProperty("records").GetProperty("stored").GetInt32());
        Assert.Equal(["1001", "1002", "1003", "1004", "1005"], (await PullHost.RecordsAsync(factory, "shop")).Select(r => r.OrderId));
        Assert.Equal(3, _api.LogEntries.Count);
    }

    [Fact]
    public async Task A_crm_paged_by_a_cursor_in_its_answer_is_read_until_the_answer_has_no_next_cursor()
    {
        var deals = "/crm/v3/objects/deals";
        _api.Given(Request.Create().WithPath(deals).UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithBody($$$"""{"results":[{{{NativeItems.Deal(1)}}},{{{NativeItems.Deal(2)}}}],"paging":{"next":{"after":"c2","link":"ignored"} } }"""));
        _api.Given(Request.Create().WithPath(deals).WithParam("after", "c2").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithBody($$$"""{"results":[{{{NativeItems.Deal(3)}}},{{{NativeItems.Deal(4)}}}],"paging":{"next":{"after":"c3"} } }"""));
        _api.Given(Request.Create().WithPath(deals).WithParam("after", "c3").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithBody($$$"""{"results":[{{{NativeItems.Deal(5)}}}]}"""));
        using var factory = PullHost.Create("crm-hubspot.json", "crm", _api.Url + "/", new Dictionary<string, string?>
        {
            ["Path"] = "crm/v3/objects/deals?limit=2",
            ["ItemsPointer"] = "/results",
            ["Paging:Kind"] = "Cursor",
            ["Paging:Parameter"] = "after",
            ["Paging:NextPointer"] = "/paging/next/after",
        });

        var pull = await PullHost.PullAsync(factory.CreateClient(), "crm");

        PullHost.AssertCompleted(pull);
        Assert.Equal(3, pull.GetProperty("pages").GetInt32());
        Assert.Equal(["1", "2", "3", "4", "5"], (await PullHost.RecordsAsync(factory, "crm")).Select(r => r.OrderId));
        // The cursor replaces the last one rather than piling up: the third request carries after=c3 only.
        Assert.EndsWith("/crm/v3/objects/deals?limit=2&after=c3", _api.LogEntries[^1].RequestMessage.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_billing_paged_after_its_last_items_id_is_read_while_it_says_it_has_more()
    {
        _api.Given(Request.Create().WithPath("/v1/invoices").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithBody($$$"""{"object":"list","data":[{{{NativeItems.Invoice(1)}}},{{{NativeItems.Invoice(2)}}}],"has_more":true}"""));
        _api.Given(Request.Create().WithPath("/v1/invoices").WithParam("starting_after", "in_2").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithBody($$$"""{"object":"list","data":[{{{NativeItems.Invoice(3)}}},{{{NativeItems.Invoice(4)}}}],"has_more":true}"""));
        _api.Given(Request.Create().WithPath("/v1/invoices").WithParam("starting_after", "in_4").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithBody($$$"""{"object":"list","data":[{{{NativeItems.Invoice(5)}}}],"has_more":false}"""));
        using var factory = PullHost.Create("billing-stripe.json", "billing", _api.Url + "/v1/", Billing());

        var pull = await PullHost.PullAsync(factory.CreateClient(), "billing");

        PullHost.AssertCompleted(pull);
        Assert.Equal(3, pull.GetProperty("pages").GetInt32());
        var records = await PullHost.RecordsAsync(factory, "billing");
        Assert.Equal(["1", "2", "3", "4", "5"], records.Select(r => r.OrderId));
        Assert.Equal(100.00m, CanonicalJson.Deserialize(records[0].Payload!).Total);
        Assert.All(_api.LogEntries, e => Assert.Equal("Bearer " + PullHost.Token, e.RequestMessage.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task Pages_by_number_are_read_until_a_page_comes_back_empty()
    {
        _api.Given(Request.Create().WithPath("/v1/invoices").WithParam("page", "1").UsingGet())
            .RespondWith(Response.Create().WithBody($$$"""{"data":[{{{NativeItems.Invoice(1)}}},{{{NativeItems.Invoice(2)}}}]}"""));
        _api.Given(Request.Create().WithPath("/v1/invoices").WithParam("page", "2").UsingGet())
            .RespondWith(Response.Create().WithBody($$$"""{"data":[{{{NativeItems.Invoice(3)}}}]}"""));
        _api.Given(Request.Create().WithPath("/v1/invoices").WithParam("page", "3").UsingGet())
            .RespondWith(Response.Create().WithBody("""{"data":[]}"""));
        using var factory = PullHost.Create("billing-stripe.json", "billing", _api.Url + "/v1/", new Dictionary<string, string?>
        {
            ["Path"] = "invoices",
            ["ItemsPointer"] = "/data",
            ["Paging:Kind"] = "Page",
            ["Paging:Parameter"] = "page",
        });

        var pull = await PullHost.PullAsync(factory.CreateClient(), "billing");

        PullHost.AssertCompleted(pull);
        Assert.Equal(3, pull.GetProperty("pages").GetInt32());
        Assert.Equal(3, (await PullHost.RecordsAsync(factory, "billing")).Count);
    }

    /// <summary>The Stripe-style pull: invoices after the last id while has_more, changes by created[gte] in unix seconds.</summary>
    internal static Dictionary<string, string?> Billing() => new()
    {
        ["Path"] = "invoices?limit=2",
        ["ItemsPointer"] = "/data",
        ["Since:Parameter"] = "created[gte]",
        ["Since:Format"] = "unixSeconds",
        ["Paging:Kind"] = "Cursor",
        ["Paging:Parameter"] = "starting_after",
        ["Paging:From"] = "lastItemId",
        ["Paging:HasMorePointer"] = "/has_more",
    };

    private static string Page(string name, params string[] items) => $$"""{"{{name}}":[{{string.Join(",", items)}}]}""";
}
