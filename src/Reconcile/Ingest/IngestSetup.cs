namespace Reconcile.Ingest;

public static class IngestSetup
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<RecordStore>();
        builder.Services.AddScoped<ReferenceStore>();
        return builder;
    }
}
