using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Hosting;

public sealed class DemoVerbTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    [Fact]
    public async Task The_demo_finds_every_injected_fault_and_shows_an_exception_as_slack_would()
    {
        var result = await ReconcileProcess.RunAsync(_directory, new Dictionary<string, string>(), "demo", "--orders", "600", "--seed", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("recall 100.0 %", result.Out, StringComparison.Ordinal);
        Assert.Contains("precision 100.0 %", result.Out, StringComparison.Ordinal);
        Assert.Contains("[Approve]", result.Out, StringComparison.Ordinal);
        Assert.Contains("now resolved (replayed)", result.Out, StringComparison.Ordinal);
        Assert.Contains("now resolved (approved)", result.Out, StringComparison.Ordinal);
        Assert.Contains("chain intact", result.Out, StringComparison.Ordinal);
        Assert.Contains("shop     {\"name\":\"#", result.Out, StringComparison.Ordinal);
        Assert.Contains("billing  {\"id\":\"evt_demo_", result.Out, StringComparison.Ordinal);
        Assert.Equal(4, result.Out.Split("→ 202: 1 accepted, 0 quarantined").Length - 1);
        Assert.Equal(2, result.Out.Split("seen before, acknowledged and not stored again").Length - 1);
        Assert.True(File.Exists(Path.Combine(_directory, "data", "demo.db")));
    }

    public void Dispose() => TestDirectory.TryDelete(_directory);
}
