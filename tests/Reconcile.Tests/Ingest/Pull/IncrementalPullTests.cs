using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Reconcile.Tests.Ingest.Pull;

/// <summary>After a complete pull, the next asks only for what changed: since the watermark, less the overlap.</summary>
public sealed class IncrementalPullTests : IDisposable
{
    private readonly WireMockServer _api = WireMockServer.Start();

    public void Dispose() => _api.Stop();

    [Fact]
    public async Task The_second_pull_asks_for_changes_since_the_newest_updatedAt_read_less_the_overlap_in_unix_seconds()
    {
        const long newest = 1763640000;
        _api.Given(Request.Create().WithPath("/v1/invoices").UsingGet())
            .RespondWith(Response.Create().WithBody($$$"""{"data":[{{{NativeItems.Invoice(1, newest - 60)}}},{{{NativeItems.Invoice(2, newest)}}}],"has_more":false}"""));
        var settings = PullPagingTests.Billing();
        settings["Overlap"] = "00:02:00";
        using var factory = PullHost.Create("billing-stripe.json", "billing", _api.Url + "/v1/", settings);
        var client = factory.CreateClient();

        var first = await PullHost.PullAsync(client, "billing");
        var second = await PullHost.PullAsync(client, "billing");

        PullHost.AssertCompleted(second);
        Assert.DoesNotContain("created", _api.LogEntries[0].RequestMessage.Url, StringComparison.Ordinal);
        Assert.EndsWith("/v1/invoices?limit=2&created%5Bgte%5D=1763639880", _api.LogEntries[1].RequestMessage.Url, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(newest), first.GetProperty("watermarkAfter").GetDateTimeOffset());
        Assert.Equal(2, second.GetProperty("records").GetProperty("unchanged").GetInt32());
        Assert.Equal(0, second.GetProperty("records").GetProperty("stored").GetInt32());
    }

    [Fact]
    public async Task An_iso8601_since_is_the_watermark_in_UTC_less_the_overlap_whatever_offset_the_shop_wrote()
    {
        _api.Given(Request.Create().WithPath("/admin/orders.json").UsingGet())
            .RespondWith(Response.Create().WithBody($$$"""{"orders":[{{{NativeItems.ShopOrder(1001, "2026-11-20T05:00:00-05:00")}}}]}"""));
        using var factory = PullHost.Create("shop-shopify.json", "shop", _api.Url + "/admin/", new Dictionary<string, string?>
        {
            ["Path"] = "orders.json?status=any",
            ["ItemsPointer"] = "/orders",
            ["Since:Parameter"] = "updated_at_min",
            ["Since:Format"] = "iso8601",
            ["Paging:Kind"] = "Link",
        });
        var client = factory.CreateClient();

        await PullHost.PullAsync(client, "shop");
        PullHost.AssertCompleted(await PullHost.PullAsync(client, "shop"));

        Assert.Equal(["2026-11-20T09:58:00Z"], _api.LogEntries[1].RequestMessage.Query!["updated_at_min"]);
        Assert.Equal(["any"], _api.LogEntries[1].RequestMessage.Query!["status"]);
    }
}
