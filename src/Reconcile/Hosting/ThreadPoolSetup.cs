namespace Reconcile.Hosting;

/// <summary>
/// Keeps requests answered while a run works. A run holds pool threads for seconds at a time (SQLite's reads are
/// synchronous under their async face, and matching is pure CPU); with the pool's default minimum of one thread per
/// core, a click or a webhook then waits in the queue until the pool adds a thread, which it does only about twice a
/// second. A higher minimum lets the OS share the cores between the run and the requests at once instead.
/// </summary>
public static class ThreadPoolSetup
{
    /// <summary>Pool threads per core started without delay: enough for a run's two busy threads and the requests.</summary>
    public const int MinWorkerThreadsPerCore = 8;

    /// <summary>Raises the thread pool's minimum worker threads to <see cref="MinWorkerThreadsPerCore"/> per core (never lowers it).</summary>
    public static IHostApplicationBuilder ReserveThreadsForRequests(this IHostApplicationBuilder builder)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var wanted = Environment.ProcessorCount * MinWorkerThreadsPerCore;
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }

        return builder;
    }
}
