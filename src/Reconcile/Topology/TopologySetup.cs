using Microsoft.Extensions.Options;
using Reconcile.Engine.Calendar;

namespace Reconcile.Topology;

public static class TopologySetup
{
    /// <summary>
    /// Owners, systems, flows and the business calendar, bound from the configuration root and
    /// validated together at start-up (a bad reference or time zone stops the host with the key named),
    /// plus the lookups every other feature reads them through.
    /// </summary>
    public static IHostApplicationBuilder AddTopology(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TopologyOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TopologyOptions>, TopologyOptionsValidator>();
        services.AddSingleton<BusinessCalendar>(sp => BusinessCalendarFactory.Create(sp.GetRequiredService<IOptions<TopologyOptions>>()));
        services.AddSingleton<FlowCatalog>();
        services.AddSingleton<EscalationChain>();
        // Serving with no owners, systems or flows: one warning saying what to configure.
        services.AddHostedService<EmptyTopologyNotice>();
        return builder;
    }
}
