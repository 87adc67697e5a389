using Quartz;
using Reconcile.Reconciliation;

namespace Reconcile.Scheduling;

/// <summary>
/// At start-up with the clustered (persistent) store: removes what an earlier configuration stored and this one no
/// longer declares — a deleted flow's job with its triggers, a removed schedule's recurring trigger — so a flow taken
/// out of configuration stops running instead of firing for ever. One-shot triggers (a run or replay handed off a
/// moment ago) are never touched. Configuration wins at each replica's start, so replicas should share one.
/// </summary>
public sealed class StaleScheduleCleanup(ISchedulerFactory factory, DeclaredSchedule declared, ReplicaIdentity replica, ILogger<StaleScheduleCleanup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!replica.Clustered)
        {
            return;
        }

        var scheduler = await factory.GetScheduler(cancellationToken);
        var runJob = FlowRunJob.KeyFor("");
        foreach (var job in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(runJob.Group), cancellationToken))
        {
            // The group holds other jobs too (the dead-run sweep): only run jobs ("run:<flow>") belong to a flow.
            if (job.Name.StartsWith(runJob.Name, StringComparison.Ordinal) && !declared.FlowJobs.Contains(job)
                && await scheduler.DeleteJob(job, cancellationToken))
            {
                logger.LogInformation("Removed the stored run job {Job}: its flow is no longer configured", job);
            }
        }

        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup(), cancellationToken))
        {
            if (!declared.Groups.Contains(key.Group))
            {
                continue;
            }

            if (declared.Triggers.Contains(key) || await scheduler.GetTrigger(key, cancellationToken) is not { } trigger || !Recurring(trigger))
            {
                continue;
            }

            await scheduler.UnscheduleJob(key, cancellationToken);
            logger.LogInformation("Removed the stored trigger {Trigger}: its schedule is no longer configured", key);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool Recurring(ITrigger trigger) =>
        trigger is ICronTrigger || trigger is ISimpleTrigger { RepeatCount: < 0 or > 0 };
}
