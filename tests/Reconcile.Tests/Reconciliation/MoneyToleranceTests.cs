using Microsoft.Extensions.Configuration;
using Reconcile.Topology;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reconciliation;

/// <summary>MoneyTolerance as a map by ISO 4217 code; currencies it does not list get half their minor unit.</summary>
public sealed class MoneyToleranceTests
{
    private static string Order(string id, string currency, string total, string linePrice) =>
        $$"""{"orderId":"{{id}}","customerId":"C-77","currency":"{{currency}}","discount":0,"total":{{total}},"status":"paid","updatedAt":"2026-11-23T10:00:00Z","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":{{linePrice}}}]}""";

    private static Dictionary<string, string?> PerCurrency(string currency, string tolerance) => new()
    {
        [$"Flows:promo-to-billing:MoneyTolerance:{currency}"] = tolerance,
    };

    [Theory]
    [InlineData("0.02", "0.02", "0.02")]
    [InlineData(null, "0.005", "0.0005")]
    public void Configuration_binds_one_number_for_every_currency_or_nothing_for_half_a_minor_unit(string? configured, string usd, string kwd)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flows:f:Source"] = "shop",
            ["Flows:f:MoneyTolerance"] = configured,
        }).Build();

        var flow = configuration.Get<TopologyOptions>()!.Flows["f"];
        var definition = new Engine.Flows.FlowDefinition { Name = "f", Source = "shop", Owner = "o", MoneyTolerance = flow.MoneyTolerance.Everywhere };

        Assert.Equal((Money(usd), Money(kwd)), (definition.ToleranceFor("USD"), definition.ToleranceFor("KWD")));
    }

    [Fact]
    public void Configuration_binds_a_map_of_currencies()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flows:f:MoneyTolerance:JPY"] = "1",
            ["Flows:f:MoneyTolerance:kwd"] = "0.001",
        }).Build();

        var tolerance = configuration.Get<TopologyOptions>()!.Flows["f"].MoneyTolerance;

        Assert.Null(tolerance.Everywhere);
        Assert.Equal((1m, 0.001m), (tolerance["JPY"], tolerance["KWD"]));
    }

    private static decimal Money(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_billing_system_rounding_a_three_decimal_currency_to_two_decimals_is_caught_and_yen_keep_their_own_tolerance()
    {
        using var factory = ReconcileFactory.With(PerCurrency("JPY", "1"));
        using var client = factory.CreateClient();
        var kwd = Order("K-1", "KWD", "10.125", "10.125");
        var jpy = Order("J-1", "JPY", "1000", "1000");
        await client.IngestAsync("shop", kwd, jpy);
        await client.IngestAsync("crm", kwd, jpy);
        await client.IngestAsync("billing", Order("K-1", "KWD", "10.13", "10.125"), Order("J-1", "JPY", "1001", "1000"));

        var run = await RunDriver.RunAsync(client);

        Assert.Equal((2, 1), (run.GetProperty("ordersExamined").GetInt32(), run.GetProperty("ordersMatched").GetInt32()));
        Assert.Equal([("K-1", "field_mismatch", "billing", "total", "10.125", "10.13")], await client.ExceptionsAsync());
    }
}
