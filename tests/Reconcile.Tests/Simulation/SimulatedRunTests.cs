using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Simulation;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Simulation;

/// <summary>The whole path — store, run, exceptions — against the simulator's ground truth.</summary>
public sealed class SimulatedRunTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task A_run_over_simulated_systems_opens_one_exception_per_injected_fault_and_nothing_else(int seed)
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();
        var world = await factory.Services.GetRequiredService<SimulationLoader>().LoadAsync(3000, 0.05, seed, CancellationToken.None);

        var run = await RunDriver.RunAsync(client);

        await using var scope = factory.Services.CreateAsyncScope();
        var opened = await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().Exceptions
            .Select(e => new { e.OrderId, e.Type, e.System }).ToListAsync();
        var expected = world.ExpectedFindings.Select(f => (f.OrderId, f.Type, f.System)).ToHashSet();
        var actual = opened.Select(e => (e.OrderId, e.Type, e.System)).ToHashSet();
        Assert.Empty(expected.Except(actual));
        Assert.Empty(actual.Except(expected));
        Assert.Equal(opened.Count, run.GetProperty("exceptionsOpened").GetInt32());
        Assert.True(run.GetProperty("matchRate").GetDouble() is > 0.8 and < 1.0);
    }
}
