using Quartz;

namespace Reconcile.Hosting;

/// <summary>
/// The one way work leaves a request: a one-shot Quartz trigger of a job declared in
/// <c>Scheduling/SchedulingSetup.cs</c>, fired as soon as a scheduler thread is free.
/// </summary>
/// <remarks>
/// Quartz rather than a hand-made queue because it already owns everything a hand-off needs: the
/// scheduler's lifetime follows the host (shutdown waits for jobs in flight), a job that throws is
/// logged by the scheduler instead of vanishing with an unobserved task, and
/// <see cref="DisallowConcurrentExecutionAttribute"/> on a job key holds for every trigger of it —
/// scheduled, on demand or resumed — in this process today and across a clustered job store later.
/// </remarks>
public sealed class HandOff(ISchedulerFactory schedulers, TimeProvider time)
{
    /// <summary>Fires <paramref name="job"/> once, now, with <paramref name="data"/> merged into its job data map.</summary>
    /// <exception cref="SchedulerException">The job is not declared or the scheduler has shut down.</exception>
    public async Task StartAsync(JobKey job, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(data);
        var map = new JobDataMap();
        foreach (var (key, value) in data)
        {
            map[key] = value;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        // "Now" on the scheduler's clock, which is the host's TimeProvider (StartNow would read the system clock).
        var trigger = TriggerBuilder.Create().ForJob(job).UsingJobData(map).StartAt(time.GetUtcNow()).Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
    }
}
