namespace Reconcile.Reconciliation;

public static class ReconciliationSetup
{
    public static IHostApplicationBuilder AddReconciliation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ReconciliationRunner>();
        builder.Services.AddSingleton<InterruptedRuns>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InterruptedRuns>());
        builder.Services.AddScoped<RecordSnapshotLoader>();
        builder.Services.AddScoped<ReferenceDataLoader>();
        builder.Services.AddScoped<FindingHistory>();
        builder.Services.AddScoped<ConfirmingReads>();
        builder.Services.AddScoped<FreshnessCheck>();
        builder.Services.AddScoped<ExceptionWriter>();
        return builder;
    }
}
