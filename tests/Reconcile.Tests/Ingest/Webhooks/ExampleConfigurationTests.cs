namespace Reconcile.Tests.Ingest.Webhooks;

/// <summary>The README shows the example systems exactly as the tested files are.</summary>
public sealed class ExampleConfigurationTests
{
    [Theory]
    [InlineData("shop-shopify.json")]
    [InlineData("billing-stripe.json")]
    [InlineData("crm-hubspot.json")]
    public async Task Each_example_is_documented_verbatim_in_the_readme(string file)
    {
        var example = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "systems", file))).TrimEnd();
        var readme = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "README.md"));

        Assert.Contains($"```json\n{example}\n```", readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"examples/systems/{file}", readme, StringComparison.Ordinal);
    }
}
