using System.Net;
using System.Text.Json;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// Every figure of GET /api/metrics over <see cref="FiguresDataSet"/>'s week, against values worked out by hand
/// (the working is in the comments). Open, value at risk and overdue are as of the week's end, Mon 2026-11-23 00:00Z.
/// </summary>
public sealed class FiguresTests(FiguresHost host) : IClassFixture<FiguresHost>
{
    private const string Week = "from=2026-11-16&to=2026-11-23";
    private const double Tolerance = 1e-9;
    private readonly FiguresHost _factory = host;

    [Fact]
    public async Task Promo_to_billing_figures_match_the_hand_computed_values()
    {
        var flow = (await MetricsAsync(Week)).GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("flow").GetString() == "promo-to-billing");

        // Runs in the week: 400/380 and 600/570 (the one before the week and the failed one do not count).
        Assert.Equal(2, flow.GetProperty("runs").GetInt32());
        Assert.Equal((1000, 950), (flow.GetProperty("ordersExamined").GetInt32(), flow.GetProperty("ordersMatched").GetInt32()));
        Assert.Equal(0.95, flow.GetProperty("matchRate").GetDouble(), Tolerance);
        // Raised in the week: E1 E2 E5 E8 field_mismatch, E3 E4 missing_in_target; per 1,000 of 1,000 examined.
        Assert.Equal(6, flow.GetProperty("exceptionsRaised").GetInt32());
        Assert.Equal(4, flow.GetProperty("exceptionsByType").GetProperty("field_mismatch").GetInt32());
        Assert.Equal(4.0, flow.GetProperty("exceptionsPerThousandOrders").GetProperty("field_mismatch").GetDouble(), Tolerance);
        Assert.Equal(2.0, flow.GetProperty("exceptionsPerThousandOrders").GetProperty("missing_in_target").GetDouble(), Tolerance);
        // Resolved in the week: E1 4 h, E2 24 h, E6 96 h (raised before the week) → mean 124/3, median 24.
        Assert.Equal(3, flow.GetProperty("resolved").GetInt32());
        Assert.Equal(124.0 / 3, flow.GetProperty("meanTimeToResolutionHours").GetDouble(), Tolerance);
        Assert.Equal(24.0, flow.GetProperty("medianTimeToResolutionHours").GetDouble(), Tolerance);
        // Lag to the later of crm and billing: A1 1 h, A2 2 h, A4 10 h, A5 3 h (updatedAt), A8 5 h; A3 and B1 never reached billing.
        // Sorted 1 2 3 5 10: p50 = 3; p95 at rank 0.95·4 = 3.8 → 5 + 0.8·5 = 9.
        Assert.Equal((5, 2), (flow.GetProperty("ordersConfirmed").GetInt32(), flow.GetProperty("ordersUnconfirmed").GetInt32()));
        Assert.Equal(3.0, flow.GetProperty("lagP50Hours").GetDouble(), 1e-6);
        Assert.Equal(9.0, flow.GetProperty("lagP95Hours").GetDouble(), 1e-6);
        // People's decisions in the week: U0CRM1 approved E1 after 4 h, U0FIN1 replayed E2 after 24 h.
        Assert.Equal((2, 1, 1), (flow.GetProperty("manualTouches").GetInt32(), flow.GetProperty("approvals").GetInt32(), flow.GetProperty("replays").GetInt32()));
        Assert.Equal(14.0, flow.GetProperty("meanHandlingHours").GetDouble(), Tolerance);
        Assert.Equal(14.0, flow.GetProperty("medianHandlingHours").GetDouble(), Tolerance);
        // Open at the week's end: E3 200 (overdue), E4 300, E5 100 (overdue), E7 1000 (overdue), E8 10 (resolved only later).
        Assert.Equal(5, flow.GetProperty("openExceptions").GetInt32());
        Assert.Equal(1610m, flow.GetProperty("valueAtRisk").GetDecimal());
        Assert.Equal(3, flow.GetProperty("overdue").GetInt32());
        // E5 repeats E1 (same order and type, resolved before).
        Assert.Equal(1, flow.GetProperty("recurring").GetInt32());
    }

    [Fact]
    public async Task Overall_figures_add_up_both_flows()
    {
        var body = await MetricsAsync(Week);
        var overall = body.GetProperty("overall");
        var crm = body.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("flow").GetString() == "shop-to-crm");

        Assert.Equal(0.99, crm.GetProperty("matchRate").GetDouble(), Tolerance);
        // shop-to-crm lags (crm only): 0.5 2 0.25 4 0.1 5 1 → sorted 0.1 0.25 0.5 1 2 4 5: p50 1, p95 at 5.7 → 4 + 0.7 = 4.7.
        Assert.Equal(1.0, crm.GetProperty("lagP50Hours").GetDouble(), 1e-6);
        Assert.Equal(4.7, crm.GetProperty("lagP95Hours").GetDouble(), 1e-6);
        Assert.Equal(6.0, crm.GetProperty("meanHandlingHours").GetDouble(), Tolerance);

        Assert.Equal("*", overall.GetProperty("flow").GetString());
        Assert.Equal(1940.0 / 2000, overall.GetProperty("matchRate").GetDouble(), Tolerance);
        Assert.Equal(7, overall.GetProperty("exceptionsRaised").GetInt32());
        Assert.Equal(0.5, overall.GetProperty("exceptionsPerThousandOrders").GetProperty("partial_sync").GetDouble(), Tolerance);
        Assert.Equal(2.0, overall.GetProperty("exceptionsPerThousandOrders").GetProperty("field_mismatch").GetDouble(), Tolerance);
        // Resolutions 4 24 96 6 → mean 32.5, median (6 + 24) / 2 = 15.
        Assert.Equal(32.5, overall.GetProperty("meanTimeToResolutionHours").GetDouble(), Tolerance);
        Assert.Equal(15.0, overall.GetProperty("medianTimeToResolutionHours").GetDouble(), Tolerance);
        // All 12 lags sorted 0.1 0.25 0.5 1 1 2 2 3 4 5 5 10: p50 at 5.5 → 2; p95 at 10.45 → 5 + 0.45·5 = 7.25.
        Assert.Equal(2.0, overall.GetProperty("lagP50Hours").GetDouble(), 1e-6);
        Assert.Equal(7.25, overall.GetProperty("lagP95Hours").GetDouble(), 1e-6);
        // Touches 4 24 6 → mean 34/3, median 6.
        Assert.Equal(3, overall.GetProperty("manualTouches").GetInt32());
        Assert.Equal(34.0 / 3, overall.GetProperty("meanHandlingHours").GetDouble(), Tolerance);
        Assert.Equal(6.0, overall.GetProperty("medianHandlingHours").GetDouble(), Tolerance);
        Assert.Equal((5, 1610m, 3, 1), (overall.GetProperty("openExceptions").GetInt32(), overall.GetProperty("valueAtRisk").GetDecimal(),
            overall.GetProperty("overdue").GetInt32(), overall.GetProperty("recurring").GetInt32()));
    }

    [Fact]
    public async Task One_flow_is_narrowed_to_that_flow()
    {
        var body = await MetricsAsync(Week + "&flow=shop-to-crm");

        Assert.Equal("shop-to-crm", body.GetProperty("overall").GetProperty("flow").GetString());
        Assert.Equal(1, body.GetProperty("overall").GetProperty("exceptionsRaised").GetInt32());
        Assert.Equal(0, body.GetProperty("overall").GetProperty("openExceptions").GetInt32());
        Assert.Single(body.GetProperty("flows").EnumerateArray());
    }

    [Theory]
    // spring: E1 E2 E5 E8 over A1 A2 A8, open E5 E8, 100+50+100+10; fall: E3 E4; winter: E9.
    [InlineData("campaign", "spring:4:3:2:260|fall:2:2:2:500|winter:1:1:0:40")]
    // A1 has SKU-1 and SKU-2, so E1 and E5 count under both; ties go to the larger value at risk.
    [InlineData("sku", "SKU-1:3:2:1:250|SKU-3:2:2:2:500|SKU-2:2:1:1:200|SKU-5:1:1:0:40|SKU-4:1:1:1:10")]
    [InlineData("region", "US-CA:4:3:3:700|EU-DE:2:2:1:50|US-NY:1:1:0:50")]
    public async Task Drill_downs_group_the_weeks_exceptions_by_their_orders_source_record(string by, string expected)
    {
        var body = await MetricsAsync($"{Week}&by={by}");

        var rows = body.GetProperty("drillDowns").GetProperty(by).EnumerateArray().Select(r =>
            $"{r.GetProperty("key").GetString()}:{r.GetProperty("exceptions").GetInt32()}:{r.GetProperty("orders").GetInt32()}:{r.GetProperty("open").GetInt32()}:{r.GetProperty("valueAtRisk").GetDecimal():0.##}");
        Assert.Equal(expected, string.Join('|', rows));
    }

    [Theory]
    [InlineData("from=yesterday", HttpStatusCode.BadRequest)]
    [InlineData("from=2026-11-16&to=2026-13-01", HttpStatusCode.BadRequest)]
    [InlineData("from=2026-11-23&to=2026-11-16", HttpStatusCode.BadRequest)]
    [InlineData("by=colour", HttpStatusCode.BadRequest)]
    [InlineData("flow=nope", HttpStatusCode.NotFound)]
    public async Task Bad_metric_queries_get_clear_4xx_answers(string query, HttpStatusCode expected)
    {
        using var client = _factory.CreateClient();

        var response = await client.GetWithTokenAsync("/api/metrics?" + query);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("\"detail\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_need_a_read_token()
    {
        using var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/metrics", token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/metrics", token: "wrong")).StatusCode);
    }

    private async Task<JsonElement> MetricsAsync(string query)
    {
        using var client = _factory.CreateClient();
        await _factory.EnsureSeededAsync();
        var response = await client.GetWithTokenAsync("/api/metrics?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
