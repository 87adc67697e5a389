using Microsoft.Extensions.Options;
using Reconcile.Hosting;

namespace Reconcile.Topology;

/// <summary>
/// A new operator starting the service with no owners, systems or flows gets one warning saying what to
/// configure, not silence. The service still serves its API and <c>/healthz</c>; it just reconciles nothing.
/// </summary>
internal sealed class EmptyTopologyNotice(IOptions<TopologyOptions> topology, ILogger<EmptyTopologyNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = topology.Value;
        var missing = new[]
        {
            (TopologyOptions.OwnersSection, options.Owners.Count),
            (TopologyOptions.SystemsSection, options.Systems.Count),
            (TopologyOptions.FlowsSection, options.Flows.Count),
        }.Where(s => s.Item2 == 0).Select(s => s.Item1).ToList();
        if (missing.Count > 0)
        {
            logger.LogWarning(
                "Nothing to reconcile yet: no {Missing} configured. Reconcile serves its API and /healthz but runs nothing until Owners, Systems and Flows are set in the file named by {ConfigVariable} (or the environment); {Sample} beside the binary is a complete example",
                string.Join(", ", missing), ConfigurationSetup.ConfigFileVariable, ConfigurationSetup.SampleFile);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
