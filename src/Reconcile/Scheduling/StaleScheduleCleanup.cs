using Quartz;
using Reconcile.Ingest.Pull;
using Reconcile.Reconciliation;

namespace Reconcile.Scheduling;

/// <summary>
/// At start-up with the clustered (persistent) store: removes what an earlier configuration stored and this one no
/// longer declares — a deleted flow's run job or a system's pull job with its triggers, a removed schedule's recurring trigger — so a flow taken
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
        foreach (var kind in new[] { FlowRunJob.KeyFor(""), PullJob.KeyFor("") })
        {
            // A group may hold other jobs too (the dead-run sweep sits with the flows): only "run:<flow>" and
            // "pull:<system>" jobs belong to a configured flow or system.
            foreach (var job in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(kind.Group), cancellationToken))
            {
                if (job.Name.StartsWith(kind.Name, StringComparison.Ordinal) && !declared.ConfiguredJobs.Contains(job)
                    && await scheduler.DeleteJob(job, cancellationToken))
                {
                    logger.LogInformation("Removed the stored job {Job}: its flow or system is no longer configured", job);
                }
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
