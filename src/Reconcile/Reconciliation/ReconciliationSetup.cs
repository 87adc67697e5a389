using Microsoft.Extensions.Options;

namespace Reconcile.Reconciliation;

public static class ReconciliationSetup
{
    public static IHostApplicationBuilder AddReconciliation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TopologyOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TopologyOptions>, TopologyOptionsValidator>();
        return builder;
    }
}
