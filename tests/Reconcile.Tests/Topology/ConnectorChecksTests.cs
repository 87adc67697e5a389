using Reconcile.Topology;

namespace Reconcile.Tests.Topology;

/// <summary>Start-up checks of an Http connector's confirming reads: each failure names its key.</summary>
public sealed class ConnectorChecksTests
{
    private static List<string> Check(ConnectorCallOptions read)
    {
        var failures = new List<string>();
        ConnectorChecks.Validate("Systems:crm:Connector", new ConnectorOptions { Kind = ConnectorOptions.Http, BaseUrl = "https://api.example.com/", Read = read }, failures);
        return failures;
    }

    [Fact]
    public void A_negative_read_budget_and_a_concurrency_outside_1_to_32_are_refused_naming_the_key()
    {
        Assert.Equal(
            ["Systems:crm:Connector:Read:MaxPerRun: must be 0 (no confirming reads) or more", "Systems:crm:Connector:Read:Concurrency: must be between 1 and 32"],
            Check(new ConnectorCallOptions { Path = "deals/{orderId}", MaxPerRun = -1, Concurrency = 0 }));
    }

    [Fact]
    public void A_read_with_the_default_budget_passes()
    {
        Assert.Empty(Check(new ConnectorCallOptions { Path = "deals/{orderId}" }));
    }
}
