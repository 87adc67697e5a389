using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Reconcile.Data.Entities;
using Reconcile.Ingest.Pull;
using Reconcile.Reconciliation;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Commands;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Pull;

/// <summary>The pull API's refusals, the schedule's trigger, and a failed pull told in /recon status and freshness.</summary>
public sealed class PullEndpointTests : IDisposable
{
    private readonly PullFactory _factory;

    public PullEndpointTests()
    {
        var settings = PullPagingTests.Billing();
        settings["Schedule"] = "0 0/10 * * * ?";
        settings["Systems:billing:FreshnessWindow"] = "01:00:00";
        _factory = PullHost.Create("billing-stripe.json", "billing", "http://127.0.0.1:9/v1/", settings);
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task An_unknown_system_is_404_and_a_system_without_a_pull_is_422_naming_the_key()
    {
        var client = _factory.CreateClient();

        var unknown = await client.PostJsonAsync("/api/systems/erp/pulls", "{}");
        var unpulled = await client.PostJsonAsync("/api/systems/crm/pulls", "{}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unpulled.StatusCode);
        Assert.Contains("Systems:crm:Connector:Pull", await unpulled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_pull_while_one_runs_is_409_and_needs_the_admin_token()
    {
        var client = _factory.CreateClient();
        var now = _factory.Time.GetUtcNow();
        await _factory.SeedAsync(new PullEntity { System = "billing", StartedAt = now, HeartbeatAt = now });

        var again = await client.PostJsonAsync("/api/systems/billing/pulls", "{}");
        var reader = await client.PostJsonAsync("/api/systems/billing/pulls", "{}", token: null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, reader.StatusCode);
    }

    [Fact]
    public async Task A_system_with_a_Pull_Schedule_gets_its_own_cron_trigger_in_the_business_time_zone()
    {
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var trigger = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(await scheduler.GetTriggersOfJob(PullJob.KeyFor("billing"))));

        Assert.Equal("0 0/10 * * * ?", trigger.CronExpressionString);
        Assert.Equal("America/New_York", trigger.TimeZone.Id);
    }

    [Fact]
    public async Task A_failed_pull_is_a_line_in_recon_status_and_the_reason_of_a_stale_feed()
    {
        var now = _factory.Time.GetUtcNow();
        await _factory.SeedAsync(new PullEntity
        {
            System = "billing", Status = PullStatus.Failed, StartedAt = now.AddHours(-2), FinishedAt = now.AddHours(-2),
            Errors = "page 1: billing answered 401 Unauthorized: bad key",
        });
        using var scope = _factory.Services.CreateScope();

        var flows = await scope.ServiceProvider.GetRequiredService<StatusQuery>().ReadAsync(CancellationToken.None);
        var status = string.Join("\n", StatusMessage.Build(flows, null, now).Blocks.Select(b => b?["text"]?["text"]?.GetValue<string>()));
        var stale = await scope.ServiceProvider.GetRequiredService<FreshnessCheck>().CheckAsync("promo-to-billing", ["billing"], now, CancellationToken.None);

        Assert.Contains("Pull failing — billing: pull 1 failed at 2026-11-23 13:00:00Z: page 1: billing answered 401 Unauthorized: bad key", status, StringComparison.Ordinal);
        var finding = Assert.Single(stale.Findings);
        Assert.Contains("pull: billing: pull 1 failed at 2026-11-23 13:00:00Z: page 1: billing answered 401 Unauthorized: bad key", finding.Diagnostics.FailedChecks);
    }

    [Fact]
    public async Task A_complete_pull_that_found_nothing_new_keeps_the_feed_fresh()
    {
        var now = _factory.Time.GetUtcNow();
        await _factory.SeedAsync(new PullEntity { System = "billing", Status = PullStatus.Completed, StartedAt = now.AddMinutes(-10), FinishedAt = now.AddMinutes(-10) });
        using var scope = _factory.Services.CreateScope();

        var stale = await scope.ServiceProvider.GetRequiredService<FreshnessCheck>().CheckAsync("promo-to-billing", ["billing"], now, CancellationToken.None);

        Assert.True(stale.Evaluated);
        Assert.Empty(stale.Findings);
    }
}
