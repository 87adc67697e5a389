using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Reconcile.Tests.Infrastructure;

/// <summary>
/// The example topology the tests run against. appsettings.json holds defaults only, so the tests load
/// src/Reconcile/appsettings.sample.json (copied beside the test binaries) explicitly.
/// </summary>
public static class TestConfiguration
{
    public static string SamplePath { get; } = Path.Combine(AppContext.BaseDirectory, "appsettings.sample.json");

    /// <summary>The sample as flat configuration keys (<c>Flows:promo-to-billing:Targets:0</c> → <c>crm</c>).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SampleSettings { get; } =
        [.. new ConfigurationBuilder().AddJsonFile(SamplePath, optional: false).Build().AsEnumerable()
            .Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))];

    /// <summary>Writes the sample, changed by <paramref name="change"/>, to <paramref name="path"/> (a RECONCILE_CONFIG file).</summary>
    public static async Task WriteSampleWithAsync(string path, Action<JsonNode> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(SamplePath))!;
        change(sample);
        await File.WriteAllTextAsync(path, sample.ToJsonString());
    }
}
