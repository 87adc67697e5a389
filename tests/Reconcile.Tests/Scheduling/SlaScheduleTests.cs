using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Reconcile.Scheduling;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Scheduling;

/// <summary>The SLA sweep is declared with Quartz: every five minutes, in the business time zone.</summary>
public sealed class SlaScheduleTests
{
    [Fact]
    public async Task The_sla_sweep_job_fires_every_five_minutes_in_the_business_time_zone()
    {
        using var factory = new BusinessZoneFactory("America/Chicago");
        using var client = factory.CreateClient();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var triggers = await scheduler.GetTriggersOfJob(SlaSweepJob.Key);

        var cron = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(triggers));
        Assert.Equal("0 0/5 * * * ?", cron.CronExpressionString);
        Assert.Equal("America/Chicago", cron.TimeZone.Id);
    }

    /// <summary>
    /// Triggers are declared while the host is built, so the zone must be visible then: a host setting
    /// (which reaches the builder like a command-line argument), as RECONCILE_CONFIG or the environment would be.
    /// </summary>
    private sealed class BusinessZoneFactory(string zone) : ReconcileFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Calendar:TimeZone", zone);
        }
    }
}
