using Microsoft.Extensions.Configuration;
using Reconcile.Engine.Exceptions;
using Reconcile.Slack.Interactions;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Workflow;

namespace Reconcile.Tests.Reconciliation.Connectors;

/// <summary>The documented connector examples (examples/connectors/) start, are in the README verbatim, and the CRM one replays over HTTP.</summary>
public sealed class ExampleConnectorTests
{
    private static string TestData(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    /// <summary>The system's mapping example and its connector example as flat configuration keys, with the secret the environment would give.</summary>
    private static Dictionary<string, string?> Example(string file, string system)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(TestData("examples", "systems", file))
            .AddJsonFile(TestData("examples", "connectors", file))
            .Build();
        var settings = configuration.AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        settings[$"Systems:{system}:Webhook:Secret"] = "test-webhook-secret";
        settings[$"Systems:{system}:Connector:Auth:Token"] = "test-api-token";
        return settings;
    }

    [Theory]
    [InlineData("shop-shopify.json")]
    [InlineData("billing-stripe.json")]
    [InlineData("crm-hubspot.json")]
    public async Task Each_connector_example_is_documented_verbatim_in_the_readme(string file)
    {
        var example = (await File.ReadAllTextAsync(TestData("examples", "connectors", file))).TrimEnd();
        var readme = (await File.ReadAllTextAsync(TestData("README.md"))).ReplaceLineEndings("\n");

        Assert.Contains($"```json\n{example}\n```", readme, StringComparison.Ordinal);
        Assert.Contains($"examples/connectors/{file}", readme, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop-shopify.json", "shop")]
    [InlineData("billing-stripe.json", "billing")]
    [InlineData("crm-hubspot.json", "crm")]
    public async Task Each_connector_example_passes_start_up_validation(string file, string system)
    {
        await using var factory = ReconcileFactory.With(Example(file, system));
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_hubspot_example_replays_a_promo_code_by_order_id_and_verifies_it()
    {
        using var crm = new FakeObjectsApi("/crm/v3/objects/deals/");
        crm.Put("1042", """{"id":"9001","properties":{"order_id":"1042","customer_id":"C-77","amount":"90.00","dealstage":"closedwon","hs_lastmodifieddate":"2026-11-20T10:00:00.000Z"}}""");
        var settings = Example("crm-hubspot.json", "crm");
        settings["Systems:crm:Connector:BaseUrl"] = crm.BaseUrl;
        await using var host = await WorkflowHost.StartAsync(settings);
        await host.StoreAsync("shop", """{"orderId":"1042","customerId":"C-77","currency":"USD","total":90.00,"promoCode":"SPRING24","status":"paid","updatedAt":"2026-11-20T10:00:00Z"}""");
        await host.StoreAsync("crm", """{"orderId":"1042","externalId":"9001","customerId":"C-77","currency":"USD","total":90.00,"status":"paid","updatedAt":"2026-11-20T10:00:00Z"}""");
        var exception = await host.PostAsync(Slack.TestExceptions.Open());

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var resolved = await ReplayTests.WaitForAsync(host, exception.Id, e => e.State == ExceptionState.Resolved);
        Assert.Equal(Resolution.Replayed, resolved.Resolution);
        Assert.Equal(("PATCH", "/crm/v3/objects/deals/1042?idProperty=order_id"), (crm.Requests[0].Method, new Uri(crm.Requests[0].Url).PathAndQuery));
        Assert.Equal("""{"properties":{"promo_code":"SPRING24"}}""", Assert.Single(crm.Writes).Body);
    }

    [Fact]
    public async Task The_hubspot_example_creates_a_deal_missing_in_the_crm_with_the_mapped_properties_and_verifies_it()
    {
        using var crm = new FakeObjectsApi("/crm/v3/objects/deals/") { CreatedIdPointer = "/properties/order_id" };
        var settings = Example("crm-hubspot.json", "crm");
        settings["Systems:crm:Connector:BaseUrl"] = crm.BaseUrl;
        await using var host = await WorkflowHost.StartAsync(settings);
        await host.StoreAsync("shop", """{"orderId":"1042","customerId":"C-77","currency":"USD","total":90.00,"promoCode":"SPRING24","status":"paid","updatedAt":"2026-11-20T10:00:00Z"}""");
        var missing = Slack.TestExceptions.Open(type: "missing_in_target");
        missing.Attribute = null;
        missing.Fingerprint = "promo-to-billing|1042|missing_in_target|crm|";
        var exception = await host.PostAsync(missing);

        await host.ClickAsync(ExceptionActionIds.Replay, exception, "U0CRM1");

        var resolved = await ReplayTests.WaitForAsync(host, exception.Id, e => e.State == ExceptionState.Resolved);
        Assert.Equal(Resolution.Replayed, resolved.Resolution);
        Assert.Equal(("POST", "/crm/v3/objects/deals"), (crm.Requests[0].Method, new Uri(crm.Requests[0].Url).PathAndQuery));
        var write = Assert.Single(crm.Writes);
        Assert.Equal($"exception-{exception.Id}-v{exception.Version + 1}", write.Key);
        Assert.Equal(
            """{"properties":{"order_id":"1042","deal_currency_code":"USD","amount":"90.00","customer_id":"C-77","promo_code":"SPRING24","dealstage":"closedwon"}}""",
            write.Body);
    }
}
