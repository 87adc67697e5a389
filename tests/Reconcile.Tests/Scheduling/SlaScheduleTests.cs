using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Reconcile.Scheduling;
using Reconcile.Tests.Infrastructure;
using Reconcile.Workflow;

namespace Reconcile.Tests.Scheduling;

/// <summary>The SLA sweep is declared with Quartz: every five minutes, in the business time zone.</summary>
[Collection(DefaultHost.Name)]
public sealed class SlaScheduleTests(ReconcileFactory factory)
{
    [Fact]
    public async Task The_sla_sweep_job_fires_every_five_minutes_in_the_business_time_zone()
    {
        using var client = factory.CreateClient();
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        var triggers = await scheduler.GetTriggersOfJob(SlaSweepJob.Key);

        var cron = Assert.IsAssignableFrom<ICronTrigger>(Assert.Single(triggers));
        Assert.Equal("0 0/5 * * * ?", cron.CronExpressionString);
        Assert.Equal("America/New_York", cron.TimeZone.Id);
    }
}
