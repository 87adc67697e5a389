namespace Reconcile.Reporting;

/// <summary>Figures, the Monday digest and the finance exports (DESIGN §8).</summary>
public static class ReportingSetup
{
    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddScoped<SourceOrderReader>();
        services.AddScoped<FiguresQuery>();
        services.AddScoped<CsvExport>();
        services.AddScoped<DigestQuery>();
        services.AddScoped<DigestPublisher>();
        services.AddHostedService<DigestCatchUp>();
        return builder;
    }

    public static WebApplication MapReporting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/metrics", MetricsEndpoints.GetAsync);
        app.MapGet("/api/exports/exceptions.csv", ExportEndpoints.Exceptions);
        app.MapGet("/api/exports/audit.csv", ExportEndpoints.Audit);
        app.MapPrometheus();
        return app;
    }
}
