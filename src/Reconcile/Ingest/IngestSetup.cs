namespace Reconcile.Ingest;

public static class IngestSetup
{
    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<ApiAccess>();
        builder.Services.AddSingleton<JsonBody>();
        builder.Services.AddScoped<RecordStore>();
        builder.Services.AddScoped<ReferenceStore>();
        return builder;
    }
}
