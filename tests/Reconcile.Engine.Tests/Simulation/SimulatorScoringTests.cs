using Reconcile.Engine.Matching;
using Reconcile.Engine.Simulation;

namespace Reconcile.Engine.Tests.Simulation;

public class SimulatorScoringTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Every_injected_fault_is_found_and_nothing_else(int seed)
    {
        var world = Simulator.Generate(new SimulatorOptions(10_000, 0.05, seed, Now));

        var result = Reconciler.Reconcile(world.Flow, world.ToSnapshot(), world.Reference, Now);
        var score = Scoring.Score(world.ExpectedFindings, result.Findings);

        Assert.True(score.Recall == 1.0 && score.Precision == 1.0, score.ToString());
        Assert.InRange(world.Faults.Count, 400, 600);
    }
}
