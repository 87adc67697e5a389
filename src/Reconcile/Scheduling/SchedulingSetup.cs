using Quartz;
using Reconcile.Automation;
using Reconcile.Data;
using Reconcile.Hosting;
using Reconcile.Ingest.Pull;
using Reconcile.Reconciliation;
using Reconcile.Reporting;
using Reconcile.Slack;
using Reconcile.Slack.Commands;
using Reconcile.Topology;
using Reconcile.Workflow;

namespace Reconcile.Scheduling;

/// <summary>Every Quartz job and trigger, declared here and only here, from the validated options.</summary>
public static class SchedulingSetup
{
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section);
        services.AddSingleton<HandOff>();
        services.AddTransient<FlowRunJob>();
        services.AddTransient<ReplayJob>();
        services.AddTransient<AutomationJob>();
        services.AddTransient<LinkedReplayJob>();
        services.AddTransient<StatusFollowUpJob>();
        services.AddTransient<ShadowSummaryJob>();
        services.AddTransient<DigestJob>();
        services.AddTransient<SlaSweepJob>();
        services.AddTransient<DeadRunSweepJob>();
        services.AddTransient<PullJob>();
        var replica = ReplicaIdentity.From(builder.Configuration);
        services.AddSingleton(replica);
        var scheduling = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();

        // Typed options bound the same way as their registrations (and validated there at start-up), not raw keys:
        // Quartz's declarations are made before the container exists, and one job is declared per configured flow.
        var topology = builder.Configuration.Get<TopologyOptions>() ?? new TopologyOptions();
        var slack = builder.Configuration.GetSection(SlackOptions.Section).Get<SlackOptions>() ?? new SlackOptions();
        var declared = new DeclaredSchedule();
        services.AddSingleton(declared);
        builder.AddQuartz(quartz =>
        {
            if (replica.Clustered)
            {
                ClusteredStore.Use(quartz, replica, builder.Configuration[$"{DatabaseOptions.Section}:ConnectionString"] ?? "");
            }

            Declare(quartz, topology, slack, scheduling, declared);
        });

        // A declared job or trigger replaces the stored one under the same key, so a flow's schedule changed in
        // configuration takes effect on the next start of any replica instead of keeping the stored cron (or failing).
        services.Configure<QuartzOptions>(options => options.Scheduling.OverwriteExistingData = true);
        builder.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        services.AddHostedService<StaleScheduleCleanup>();
        return builder;
    }

    private static void Declare(IQuartzBuilder quartz, TopologyOptions topology, SlackOptions slack, SchedulingOptions scheduling, DeclaredSchedule declared)
    {
        var zone = BusinessZone(topology);
        // The groups whose recurring triggers come only from here, declared or not this time (a removed digest schedule).
        declared.Own(FlowRunJob.KeyFor("").Group, PullJob.KeyFor("").Group, DigestJob.Key.Group, SlaSweepJob.Key.Group, DeadRunSweepJob.Key.Group, ShadowSummaryJob.Key.Group);

        // Four times per DeadRunAfter: a run whose replica stopped beating is marked failed, so its flow's gate opens.
        var sweep = scheduling.DeadRunAfter > TimeSpan.Zero ? scheduling.DeadRunAfter / 4 : TimeSpan.FromSeconds(30);
        quartz.AddJob<DeadRunSweepJob>(job => job.WithIdentity(DeadRunSweepJob.Key).DisallowConcurrentExecution(true));
        quartz.AddTrigger(trigger => trigger.ForJob(DeadRunSweepJob.Key).WithIdentity(Recurring(declared, "dead-runs:interval", DeadRunSweepJob.Key.Group))
            .WithSimpleSchedule(schedule => schedule.WithInterval(sweep).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));

        // Every 5 minutes (business time zone): escalate unresolved exceptions past their SLA due time, once per
        // breach, as system:sla — the next owner is mentioned in the thread and finance told of overdue billing orders.
        quartz.AddJob<SlaSweepJob>(job => job.WithIdentity(SlaSweepJob.Key).DisallowConcurrentExecution(true));
        quartz.AddTrigger(trigger => trigger.ForJob(SlaSweepJob.Key).WithIdentity(Recurring(declared, "sla-sweep:cron", SlaSweepJob.Key.Group))
            .WithCronSchedule("0 0/5 * * * ?", schedule => schedule.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));

        // One run job per flow. Its cron ("Flows:<name>:Schedule", business time zone) runs it incrementally (only orders
        // changed since the last run); the API and /recon run fire it once for a run they recorded. Kept without a
        // trigger (durable) so a flow with a bad cron, left to start-up validation, can still run on demand.
        foreach (var (flow, options) in topology.Flows)
        {
            var key = FlowRunJob.KeyFor(flow);
            declared.ConfiguredJob(key);
            quartz.AddJob<FlowRunJob>(job => job.WithIdentity(key).UsingJobData(FlowRunJob.FlowKey, flow).DisallowConcurrentExecution(true).StoreDurably());
            if (CronExpression.TryParse(options.Schedule, out _))
            {
                quartz.AddTrigger(trigger => trigger.ForJob(key).WithIdentity(Recurring(declared, $"{key.Name}:cron", key.Group))
                    .WithCronSchedule(options.Schedule, schedule => schedule.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }
        }

        // One pull job per system with a Connector:Pull. Its cron ("Systems:<name>:Connector:Pull:Schedule", business time
        // zone) pulls the changes since the system's watermark; POST /api/systems/{system}/pulls fires it once for a pull it
        // recorded. Durable, so a system pulled only on demand keeps its job; one job per system keeps one pull at a time.
        foreach (var system in PullFailures.PulledSystems(topology))
        {
            var key = PullJob.KeyFor(system);
            declared.ConfiguredJob(key);
            quartz.AddJob<PullJob>(job => job.WithIdentity(key).UsingJobData(PullJob.SystemKey, system).DisallowConcurrentExecution(true).StoreDurably());
            if (topology.Systems[system].Connector!.Pull!.Schedule is { } cron && CronExpression.TryParse(cron, out _))
            {
                // A pull missed while the service was down fires once at start; it asks for everything since the watermark anyway.
                quartz.AddTrigger(trigger => trigger.ForJob(key).WithIdentity(Recurring(declared, $"{key.Name}:cron", key.Group))
                    .WithCronSchedule(cron, schedule => schedule.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }
        }

        // Replays after their click (no trigger of their own: each Replay fires it once; a restart resumes them).
        quartz.AddJob<ReplayJob>(job => job.WithIdentity(ReplayJob.Key).DisallowConcurrentExecution(true).StoreDurably());

        // System-led execution of each committed run (fired once per run, and at start-up for each automated flow's last run).
        quartz.AddJob<AutomationJob>(job => job.WithIdentity(AutomationJob.Key).DisallowConcurrentExecution(true).StoreDurably());

        // A replay linked to an approval, fired once per approval whose modal asked for it.
        quartz.AddJob<LinkedReplayJob>(job => job.WithIdentity(LinkedReplayJob.Key).DisallowConcurrentExecution(true).StoreDurably());

        // The week's figures for a /recon status that missed its inline budget, fired once per such command.
        quartz.AddJob<StatusFollowUpJob>(job => job.WithIdentity(StatusFollowUpJob.Key).DisallowConcurrentExecution(true).StoreDurably());

        // The Monday digest ("Slack:DigestSchedule", default Monday 09:00 in the business time zone) posts the
        // week just ended to the digest channel, once per week; a Monday missed while down is caught up at start-up.
        if (CronExpression.TryParse(slack.DigestSchedule, out _))
        {
            quartz.AddJob<DigestJob>(job => job.WithIdentity(DigestJob.Key).DisallowConcurrentExecution(true));
            quartz.AddTrigger(trigger => trigger.ForJob(DigestJob.Key).WithIdentity(Recurring(declared, "digest:cron", DigestJob.Key.Group))
                .WithCronSchedule(slack.DigestSchedule, schedule => schedule.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
        }

        // Every day at 09:00 business time: one summary per Shadow flow to its owner (Live flows post as they go).
        quartz.AddJob<ShadowSummaryJob>(job => job.WithIdentity(ShadowSummaryJob.Key));
        quartz.AddTrigger(trigger => trigger.ForJob(ShadowSummaryJob.Key).WithIdentity(Recurring(declared, "shadow-summary:daily", "reports"))
            .WithCronSchedule("0 0 9 * * ?", schedule => schedule.InTimeZone(zone)));
    }

    private static TriggerKey Recurring(DeclaredSchedule declared, string name, string group)
    {
        var key = new TriggerKey(name, group);
        declared.Trigger(key);
        return key;
    }

    /// <summary>
    /// Triggers are declared before the host is built, so the zone is read from configuration here, through
    /// the one resolver. An unknown zone only gets a placeholder (UTC) so the declarations can be made:
    /// start-up validation of TopologyOptions stops the host before the scheduler starts, with a config
    /// error naming Calendar:TimeZone, so no trigger ever fires in a zone nobody asked for.
    /// </summary>
    // An unknown zone only gets a placeholder so the declarations can be made: start-up validation stops the host
    // with a config error naming Calendar:TimeZone before any trigger fires.
    private static TimeZoneInfo BusinessZone(TopologyOptions topology) =>
        BusinessTimeZone.TryResolve(topology.Calendar.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
