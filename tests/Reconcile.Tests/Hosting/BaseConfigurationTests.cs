using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reconcile.Slack;
using Reconcile.Tests.Infrastructure;
using Reconcile.Topology;

namespace Reconcile.Tests.Hosting;

/// <summary>
/// appsettings.json holds defaults only: an operator's own owners, systems and flows are the whole
/// topology, with nothing of the example merged in; with none at all the service says what to configure.
/// </summary>
public sealed class BaseConfigurationTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    [Fact]
    public void A_configuration_with_other_names_ends_up_with_exactly_those_names()
    {
        using var factory = new BaseOnlyFactory(new Dictionary<string, string?>
        {
            ["Owners:ops:Channel"] = "C0OPS",
            ["Owners:ops:Members:0"] = "U0OPS",
            ["Systems:web:Owner"] = "ops",
            ["Systems:erp:Owner"] = "ops",
            ["Flows:web-to-erp:Source"] = "web",
            ["Flows:web-to-erp:Targets:0"] = "erp",
            ["Flows:web-to-erp:Schedule"] = "0 0/30 * * * ?",
            ["Flows:web-to-erp:Owner"] = "ops",
        });

        var topology = factory.Services.GetRequiredService<IOptions<TopologyOptions>>().Value;
        var slack = factory.Services.GetRequiredService<IOptions<SlackOptions>>().Value;

        Assert.Equal(["ops"], topology.Owners.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["erp", "web"], topology.Systems.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["web-to-erp"], topology.Flows.Keys);
        Assert.Null(topology.Owners["ops"].UserGroup);
        Assert.Equal(["U0OPS"], topology.Owners["ops"].Members);
        Assert.Empty(topology.Calendar.Holidays);
        Assert.Empty(slack.Admins);
        Assert.Null(slack.DigestChannel);
    }

    [Fact]
    public async Task With_nothing_configured_the_service_still_serves_healthz()
    {
        using var factory = new BaseOnlyFactory(new Dictionary<string, string?>());
        using var client = factory.CreateClient();

        var topology = factory.Services.GetRequiredService<IOptions<TopologyOptions>>().Value;
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Empty(topology.Flows);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Running_a_flow_with_nothing_configured_says_what_to_configure()
    {
        var empty = Path.Combine(_directory, "empty.json");
        await File.WriteAllTextAsync(empty, "{}");
        var environment = new Dictionary<string, string>
        {
            ["RECONCILE_CONFIG"] = empty,
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(_directory, "empty.db")}",
        };

        var run = await ReconcileProcess.RunAsync(_directory, environment, "run", "promo-to-billing");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'promo-to-billing' is not a configured flow (none configured: add them to the RECONCILE_CONFIG file; appsettings.sample.json is an example)",
            run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => TestDirectory.TryDelete(_directory);

    /// <summary>The host on appsettings.json and the given keys only: no example topology.</summary>
    private sealed class BaseOnlyFactory(IDictionary<string, string?> settings) : ReconcileFactory(settings)
    {
        protected override bool LoadsSampleConfiguration => false;
    }
}
