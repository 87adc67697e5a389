using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Reporting;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Reconciliation;

/// <summary>
/// The lag window runs on the order's own updatedAt, not on when Reconcile received it; orders inside it are
/// pending, counted as such in the run, /recon status and the digest, and never as matched.
/// </summary>
public sealed class OrderTimeTests : IDisposable
{
    private readonly ReconcileFactory _factory = new();
    private readonly HttpClient _client;

    public OrderTimeTests() => _client = _factory.CreateClient();

    private DateTimeOffset Now => _factory.Time.GetUtcNow();

    [Fact]
    public async Task Orders_pushed_hours_after_they_were_updated_are_all_compared_by_a_run_started_at_once()
    {
        // A day of orders, updated 2 to 26 hours ago, pushed now; three of them broken.
        var orders = Enumerable.Range(1, 30).Select(i => (Id: $"D-{i:00}", At: Now.AddHours(-2 - (i % 25)))).ToList();
        await _client.IngestAsync("shop", [.. orders.Select(o => SentOrders.Order(o.Id, o.At))]);
        await _client.IngestAsync("crm", [.. orders.Select(o => SentOrders.Order(o.Id, o.At)), SentOrders.Order("D-99", Now.AddHours(-3))]);
        await _client.IngestAsync("billing", [.. orders.Where(o => o.Id != "D-07").Select(o => o.Id == "D-12"
            ? SentOrders.Order(o.Id, o.At).Replace("\"total\":50.00", "\"total\":55.00", StringComparison.Ordinal)
            : SentOrders.Order(o.Id, o.At))]);

        var run = await RunDriver.RunAsync(_client);

        Assert.Equal(31, run.GetProperty("ordersExamined").GetInt32());
        Assert.Equal(28, run.GetProperty("ordersMatched").GetInt32());
        Assert.Equal(0, run.GetProperty("ordersPending").GetInt32());
        Assert.Equal(Math.Round(28d / 31, 6), run.GetProperty("matchRate").GetDouble());
        Assert.Equal(
            [("D-07", "missing_in_target", "billing", null, "present", null),
             ("D-12", "field_mismatch", "billing", "total", "50.00", "55.00"),
             ("D-99", "orphan_in_target", "crm", null, null, "present")],
            await _client.ExceptionsAsync());
    }

    [Fact]
    public async Task An_order_updated_a_minute_ago_is_pending_and_no_run_shows_it_as_matched()
    {
        var young = SentOrders.Order("Y-1", Now.AddMinutes(-1));
        await _client.IngestAsync("shop", young);
        await _client.IngestAsync("crm", young);
        await _client.IngestAsync("billing", young.Replace("\"total\":50.00", "\"total\":55.00", StringComparison.Ordinal));

        var run = await RunDriver.RunAsync(_client);

        Assert.Equal((0, 0, 1), (run.GetProperty("ordersExamined").GetInt32(), run.GetProperty("ordersMatched").GetInt32(), run.GetProperty("ordersPending").GetInt32()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, run.GetProperty("matchRate").ValueKind);
        Assert.Empty(await _client.ExceptionsAsync());

        var status = await StatusAsync();
        Assert.Contains("no order compared · 1 pending (inside the lag window)", status, StringComparison.Ordinal);
        Assert.DoesNotContain("100.0%", status, StringComparison.Ordinal);

        var digest = await DigestAsync();
        Assert.Contains("*promo-to-billing*: no order compared, 1 pending", digest, StringComparison.Ordinal);
        Assert.Contains("*Orders pending (inside the lag window at the last run):* 1", digest, StringComparison.Ordinal);

        _factory.Time.Advance(TimeSpan.FromMinutes(15));
        var later = await RunDriver.RunAsync(_client);
        Assert.Equal((1, 0, 0), (later.GetProperty("ordersExamined").GetInt32(), later.GetProperty("ordersMatched").GetInt32(), later.GetProperty("ordersPending").GetInt32()));
        Assert.Equal([("Y-1", "field_mismatch", "billing", "total", "50.00", "55.00")], await _client.ExceptionsAsync());
        Assert.Contains("match rate 0.0% (0/1 compared) · 0 pending", await StatusAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_that_do_not_depend_on_age_run_on_a_pending_order_and_the_run_reports_them()
    {
        var young = SentOrders.Order("Y-2", Now.AddMinutes(-1)).Replace("\"total\":50.00", "\"total\":45.00", StringComparison.Ordinal);
        await _client.IngestAsync("shop", young);
        await _client.IngestAsync("billing", """{"orderId":"Y-2","total":50}""");

        var run = await RunDriver.RunAsync(_client);

        Assert.Equal((0, 1), (run.GetProperty("ordersExamined").GetInt32(), run.GetProperty("ordersPending").GetInt32()));
        Assert.Equal(1, run.GetProperty("findingsByType").GetProperty("business_rule").GetInt32());
        Assert.Equal(1, run.GetProperty("findingsByType").GetProperty("schema_drift").GetInt32());
        Assert.Equal(["business_rule", "schema_drift"], (await _client.ExceptionsAsync()).Select(e => e.Type));
    }

    private async Task<string> StatusAsync()
    {
        var response = await _client.SendAsync(SlackRequests.Command("status", Now));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return string.Join('\n', reply["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.ToString()));
    }

    private async Task<string> DigestAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<DigestQuery>().BuildAsync(new DateOnly(2026, 11, 23), CancellationToken.None);
        return string.Join('\n', DigestMessage.Build(report).SelectMany(m => m.Blocks.Select(b => b?["text"]?["text"]?.ToString())));
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }
}
