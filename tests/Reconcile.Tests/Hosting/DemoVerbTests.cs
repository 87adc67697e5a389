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
        Assert.True(File.Exists(Path.Combine(_directory, "data", "demo.db")));
    }

    public void Dispose() => TestDirectory.TryDelete(_directory);
}
