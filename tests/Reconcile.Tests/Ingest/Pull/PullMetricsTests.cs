using Reconcile.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Reconcile.Tests.Ingest.Pull;

/// <summary>A pull's outcome and the records it brought show on /metrics.</summary>
[Collection(Reconcile.Tests.Reconciliation.MetricsScrapes.Name)]
public sealed class PullMetricsTests : IDisposable
{
    private readonly WireMockServer _api = WireMockServer.Start();

    public void Dispose() => _api.Stop();

    [Fact]
    public async Task A_completed_pull_counts_as_a_pull_and_its_records_as_received_by_pull()
    {
        _api.Given(Request.Create().WithPath("/v1/invoices").WithParam("page", "1").UsingGet())
            .RespondWith(Response.Create().WithBody($$$"""{"data":[{{{NativeItems.Invoice(1)}}},{{{NativeItems.Invoice(2)}}}]}"""));
        _api.Given(Request.Create().WithPath("/v1/invoices").WithParam("page", "2").UsingGet())
            .RespondWith(Response.Create().WithBody("""{"data":[]}"""));
        using var factory = PullHost.Create("billing-stripe.json", "billing", _api.Url + "/v1/", new Dictionary<string, string?>
        {
            ["Path"] = "invoices",
            ["ItemsPointer"] = "/data",
            ["Paging:Kind"] = "Page",
            ["Paging:Parameter"] = "page",
        });
        using var client = factory.CreateClient();

        PullHost.AssertCompleted(await PullHost.PullAsync(client, "billing"));
        var scrape = await (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).Content.ReadAsStringAsync();

        // Counters are process-wide (other hosts in this test run add to them), so each is at least what this pull did.
        Assert.True(MetricsText.Value(scrape, "reconcile_pulls_total", "status=\"completed\"", "system=\"billing\"") >= 1, scrape);
        Assert.True(MetricsText.Value(scrape, "reconcile_records_received_total", "outcome=\"accepted\"", "path=\"pull\"", "system=\"billing\"") >= 2, scrape);
    }
}
