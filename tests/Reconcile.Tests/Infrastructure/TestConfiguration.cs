using System.Text.Json.Nodes;

namespace Reconcile.Tests.Infrastructure;

/// <summary>
/// The example topology the tests run against. appsettings.json holds defaults only, so the tests load
/// src/Reconcile/appsettings.sample.json (copied beside the test binaries) explicitly.
/// </summary>
public static class TestConfiguration
{
    public static string SamplePath { get; } = Path.Combine(AppContext.BaseDirectory, "appsettings.sample.json");

    /// <summary>Writes the sample, changed by <paramref name="change"/>, to <paramref name="path"/> (a RECONCILE_CONFIG file).</summary>
    public static async Task WriteSampleWithAsync(string path, Action<JsonNode> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(SamplePath))!;
        change(sample);
        await File.WriteAllTextAsync(path, sample.ToJsonString());
    }
}
