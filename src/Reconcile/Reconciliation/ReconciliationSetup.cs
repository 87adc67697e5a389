using Microsoft.Extensions.Options;
using Reconcile.Workflow;

namespace Reconcile.Reconciliation;

public static class ReconciliationSetup
{
    public static IHostApplicationBuilder AddReconciliation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TopologyOptions>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TopologyOptions>, TopologyOptionsValidator>();
        builder.Services.AddSingleton(sp => BusinessCalendarFactory.Create(sp.GetRequiredService<IOptions<TopologyOptions>>()));
        builder.Services.AddSingleton<FlowCatalog>();
        builder.Services.AddHostedService<EmptyTopologyNotice>();
        builder.Services.AddSingleton<ReconciliationRunner>();
        builder.Services.AddSingleton<RunDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RunDispatcher>());
        builder.Services.AddScoped<RecordSnapshotLoader>();
        builder.Services.AddScoped<ReferenceDataLoader>();
        builder.Services.AddScoped<FindingHistory>();
        builder.Services.AddScoped<FreshnessCheck>();
        builder.Services.AddScoped<ExceptionWriter>();
        builder.Services.AddSingleton<RunNotifications>();
        builder.Services.AddScoped<ShadowSummary>();
        return builder;
    }
}
