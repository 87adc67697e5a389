using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Slack.Commands;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// /recon status with the last 7 days' figures (16 Nov 15:00Z to 23 Nov 15:00Z over <see cref="FiguresDataSet"/>),
/// next to what it showed before.
/// </summary>
public sealed class StatusFiguresTests : IDisposable
{
    private readonly ReconcileFactory _factory = ReconcileFactory.With(FiguresDataSet.Settings());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Status_adds_each_flows_7_day_figures_and_the_top_drill_down_rows()
    {
        var text = await StatusAsync("status");

        // What status showed before is still there (E8 is stored resolved, so the current count has 4 open).
        Assert.Contains("Open: 4 · overdue: 3", text, StringComparison.Ordinal);
        // Same hand-worked values as FiguresTests: the week's exceptions fall inside these 7 days too.
        Assert.Contains(
            "_7 days:_ 6 raised (6.0 per 1,000 orders) · resolution mean 41.3 h, median 24.0 h · lag p50 3.0 h / p95 9.0 h · 2 manual touches (mean 14.0 h) · 1,610.00 at risk · 1 recurring",
            text, StringComparison.Ordinal);
        Assert.Contains("• _campaign:_ spring 4 · 260.00, fall 2 · 500.00, winter 1 · 40.00", text, StringComparison.Ordinal);
        Assert.Contains("• _sku:_ SKU-1 3 · 250.00, SKU-3 2 · 500.00, SKU-2 2 · 200.00", text, StringComparison.Ordinal);
        Assert.Contains("• _region:_ US-CA 4 · 700.00, EU-DE 2 · 50.00, US-NY 1 · 50.00", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status shop-to-crm")]
    [InlineData("status SHOP-TO-CRM")]
    public async Task Status_of_one_flow_drills_down_into_that_flow_only(string command)
    {
        var text = await StatusAsync(command);

        Assert.Contains("*shop-to-crm*", text, StringComparison.Ordinal);
        Assert.DoesNotContain("*promo-to-billing*", text, StringComparison.Ordinal);
        Assert.Contains("_7 days:_ 1 raised (1.0 per 1,000 orders)", text, StringComparison.Ordinal);
        Assert.Contains("• _campaign:_ winter 1 · 40.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_follow_up_reads_one_flows_status_and_its_figures()
    {
        await FiguresDataSet.SeedAsync(_factory);

        var (flows, week) = await StatusReport.ReadAsync(
            _factory.Services.GetRequiredService<IServiceScopeFactory>(), "shop-to-crm", _factory.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal("shop-to-crm", Assert.Single(flows).Flow);
        Assert.Equal("shop-to-crm", week.Flow);
        Assert.Equal(1, week.Overall.ExceptionsRaised);
        Assert.Equal(_factory.Time.GetUtcNow() - TimeSpan.FromDays(7), week.From);
    }

    private async Task<string> StatusAsync(string command)
    {
        using var client = _factory.CreateClient();
        await FiguresDataSet.SeedAsync(_factory);
        var response = await client.SendAsync(SlackRequests.Command(command, _factory.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return string.Join('\n', reply["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.ToString()));
    }
}
