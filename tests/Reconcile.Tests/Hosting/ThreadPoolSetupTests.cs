using Reconcile.Hosting;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Hosting;

/// <summary>A started service keeps enough pool threads ready that a run's busy threads cannot queue the requests.</summary>
[Collection(DefaultHost.Name)]
public sealed class ThreadPoolSetupTests(ReconcileFactory factory)
{
    [Fact]
    public void A_started_service_has_at_least_eight_pool_threads_per_core_ready()
    {
        _ = factory.Server;

        ThreadPool.GetMinThreads(out var workers, out _);

        Assert.True(workers >= Environment.ProcessorCount * 8, $"minimum worker threads {workers} on {Environment.ProcessorCount} cores");
        Assert.Equal(8, ThreadPoolSetup.MinWorkerThreadsPerCore);
    }
}
