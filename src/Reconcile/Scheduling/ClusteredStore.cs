using Quartz;

namespace Reconcile.Scheduling;

/// <summary>
/// Quartz's persistent job store on the service's PostgreSQL database, clustered: every replica shares one schedule,
/// a trigger fires on exactly one of them, and <see cref="DisallowConcurrentExecutionAttribute"/> holds across all.
/// Its tables (qrtz_*) come from the PostgreSQL migration "QuartzClusteredStore", never from the scheduler itself.
/// </summary>
public static class ClusteredStore
{
    /// <summary>Long enough for a GC pause, a database blip or a replica's failover; a trigger later than this follows its misfire instruction.</summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(60);

    /// <summary>How often a replica records in qrtz_scheduler_state that it is alive.</summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long past a missed check-in the others wait before taking a replica for dead and recovering its triggers.</summary>
    public static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(20);

    /// <summary>Switches <paramref name="quartz"/> from the in-memory store to the clustered ADO.NET store (Npgsql driver, JSON job data).</summary>
    public static void Use(IQuartzBuilder quartz, ReplicaIdentity replica, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(replica);
        quartz.ConfigureScheduler(scheduler => scheduler.InstanceId = replica.Id);
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            // Job data is only strings (flow names, run ids), so JSON keeps the rows readable and free of .NET binary formats.
            store.UseSystemTextJsonSerializer();
            // A replica killed mid-job is noticed within about 30 s (10 s beat + 20 s grace) and its triggers released
            // to the others; shorter would write off replicas during a routine database failover.
            store.UseClustering(clustering =>
            {
                clustering.CheckinInterval = CheckinInterval;
                clustering.CheckinMisfireThreshold = CheckinMisfireThreshold;
            });
            // The schema is the migration's to create: the store only checks it is there (the default), with no DDL rights needed.
            store.ConfigureStore(options => options.MisfireThreshold = MisfireThreshold);
        });
    }
}
