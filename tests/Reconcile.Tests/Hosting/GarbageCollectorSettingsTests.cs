using System.Text.Json;

namespace Reconcile.Tests.Hosting;

/// <summary>
/// The service runs with the workstation collector (concurrent) and arrays up to 2 MB outside the large object heap:
/// with the server collector a full run's pauses held signed clicks about twice as long at p99 (README, "Latency").
/// The settings live in the runtime configuration the build writes next to Reconcile.dll, which is what runs.
/// </summary>
public sealed class GarbageCollectorSettingsTests
{
    [Fact]
    public void The_service_runs_the_concurrent_workstation_collector_with_a_2_MB_large_object_threshold()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reconcile.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(2_097_152, properties.GetProperty("System.GC.LOHThreshold").GetInt32());
    }
}
