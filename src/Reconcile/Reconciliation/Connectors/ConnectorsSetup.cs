using Reconcile.Reconciliation.Connectors.Http;
using Reconcile.Topology;

namespace Reconcile.Reconciliation.Connectors;

public static class ConnectorsSetup
{
    public const string FaultsKey = "Connector:Faults";

    public static IHostApplicationBuilder AddConnectors(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Read when first needed, so configuration layered on late (RECONCILE_CONFIG, tests) still counts.
        builder.Services.AddOptions<ConnectorFaults>().Configure<IConfiguration>((faults, configuration) =>
        {
            foreach (var system in configuration.GetSection(TopologyOptions.SystemsSection).GetChildren())
            {
                var section = system.GetSection(FaultsKey);
                if (section.Exists())
                {
                    faults.Systems[system.Key] = section.Get<ConnectorFaultOptions>() ?? new ConnectorFaultOptions();
                }
            }
        });
        builder.Services.AddSingleton<RecordConnectors>();
        builder.Services.AddConnectorHttp();
        return builder;
    }
}
