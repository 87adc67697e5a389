using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Mapping;

/// <summary>The real binary refuses to start with a bad mapping or webhook, one line per problem naming the key.</summary>
public sealed class MappingStartupTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    [Fact]
    public async Task A_bad_mapping_stops_start_up_naming_each_key()
    {
        var result = await ReconcileProcess.RunAsync(_directory, new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(_directory, "config.db")}",
            ["Systems__shop__Mapping__orderId"] = "id",
            ["Systems__shop__Mapping__currency__Value"] = "USD",
            ["Systems__shop__Mapping__total__Pointer"] = "/total",
            ["Systems__shop__Mapping__total__Convert"] = "cents",
            ["Systems__shop__Mapping__updatedAt"] = "/updated_at",
            ["Systems__shop__Mapping__colour"] = "/colour",
            ["Systems__shop__Webhook__Signature"] = "github",
            ["Systems__billing__Webhook__Signature"] = "stripe",
        }, "migrate");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n').Where(l => l.Contains("config error:", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.Contains("config error: Systems:shop:Mapping:orderId:Pointer: 'id' is not a JSON Pointer", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("config error: Systems:shop:Mapping:total:Convert: 'cents' is not a conversion", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("config error: Systems:shop:Mapping:colour: 'colour' is not a canonical field", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("config error: Systems:shop:Webhook:Signature: 'github' is not a signature scheme", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("config error: Systems:billing:Webhook:Secret: required for 'stripe' signatures", StringComparison.Ordinal));
        Assert.Equal(5, lines.Count);
        Assert.False(File.Exists(Path.Combine(_directory, "config.db")), "nothing may be migrated from a bad configuration");
    }

    public void Dispose() => TestDirectory.TryDelete(_directory);
}
