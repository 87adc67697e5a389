using Quartz;
using Reconcile.Reconciliation;
using Reconcile.Workflow;
using Reconcile.Reporting;
using Reconcile.Topology;

namespace Reconcile.Scheduling;

/// <summary>Every Quartz job and trigger, declared here and only here.</summary>
public static class SchedulingSetup
{
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        services.AddTransient<FlowRunJob>();
        services.AddTransient<ShadowSummaryJob>();
        services.AddTransient<DigestJob>();
        services.AddTransient<SlaSweepJob>();

        var zone = BusinessZone(builder.Configuration);
        builder.AddQuartz(quartz =>
        {
            // Every 5 minutes (business time zone): escalate unresolved exceptions past their SLA due time, once per
            // breach, as system:sla — the next owner is mentioned in the thread and finance told of overdue billing orders.
            quartz.AddJob<SlaSweepJob>(job => job.WithIdentity(SlaSweepJob.Key).DisallowConcurrentExecution(true));
            quartz.AddTrigger(trigger => trigger.ForJob(SlaSweepJob.Key).WithIdentity("sla-sweep:cron", SlaSweepJob.Key.Group)
                .WithCronSchedule("0 0/5 * * * ?", schedule => schedule.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));

            // Each flow reconciles on its own cron ("Flows:<name>:Schedule"), in the business time zone,
            // incrementally (only orders changed since the last run). Bad crons are left to start-up validation.
            foreach (var flow in builder.Configuration.GetSection(TopologyOptions.FlowsSection).GetChildren())
            {
                var cron = flow["Schedule"] ?? new FlowOptions().Schedule;
                if (!CronExpression.TryParse(cron, out _))
                {
                    continue;
                }

                var key = FlowRunJob.KeyFor(flow.Key);
                quartz.AddJob<FlowRunJob>(job => job.WithIdentity(key).UsingJobData(FlowRunJob.FlowKey, flow.Key).DisallowConcurrentExecution(true));
                quartz.AddTrigger(trigger => trigger.ForJob(key).WithIdentity($"{key.Name}:cron", key.Group)
                    .WithCronSchedule(cron, schedule => schedule.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }

            // The Monday digest ("Slack:DigestSchedule", default Monday 09:00 in the business time zone) posts the
            // week just ended to the digest channel, once per week; a Monday missed while down is caught up at start-up.
            var digestCron = builder.Configuration["Slack:DigestSchedule"] ?? "0 0 9 ? * MON";
            if (CronExpression.TryParse(digestCron, out _))
            {
                quartz.AddJob<DigestJob>(job => job.WithIdentity(DigestJob.Key).DisallowConcurrentExecution(true));
                quartz.AddTrigger(trigger => trigger.ForJob(DigestJob.Key).WithIdentity("digest:cron", DigestJob.Key.Group)
                    .WithCronSchedule(digestCron, schedule => schedule.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
            }
        });
        builder.AddQuartz(quartz =>
        {
            // Every day at 09:00 business time: one summary per Shadow flow to its owner (Live flows post as they go).
            quartz.AddJob<ShadowSummaryJob>(job => job.WithIdentity(ShadowSummaryJob.Key));
            quartz.AddTrigger(trigger => trigger.ForJob(ShadowSummaryJob.Key).WithIdentity("shadow-summary:daily", "reports")
                .WithCronSchedule("0 0 9 * * ?", schedule => schedule.InTimeZone(zone)));
        });
        builder.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return builder;
    }

    /// <summary>
    /// Triggers are declared before the host is built, so the zone is read from configuration here, through
    /// the one resolver. An unknown zone only gets a placeholder (UTC) so the declarations can be made:
    /// start-up validation of TopologyOptions stops the host before the scheduler starts, with a config
    /// error naming Calendar:TimeZone, so no trigger ever fires in a zone nobody asked for.
    /// </summary>
    private static TimeZoneInfo BusinessZone(IConfiguration configuration) =>
        BusinessTimeZone.TryResolve(configuration[BusinessTimeZone.Key], out var zone) ? zone : TimeZoneInfo.Utc;
}
