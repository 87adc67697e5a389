using Microsoft.EntityFrameworkCore.Diagnostics;
using Reconcile.Api;

namespace Reconcile.Reporting;

/// <summary>Figures, the Monday digest and the finance exports.</summary>
public static class ReportingSetup
{
    public static IHostApplicationBuilder AddReporting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<LiveMetrics>();
        services.AddSingleton<OrderLagMaintainer>();
        services.AddSingleton<IInterceptor, OrderLagInterceptor>();
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
        app.MapGet("/api/metrics", MetricsEndpoints.GetAsync).RequireToken(ApiPolicies.Reader);
        var exports = app.MapGroup("/api/exports").RequireToken(ApiPolicies.Admin, ExportEndpoints.Refusal);
        exports.MapGet("/exceptions.csv", ExportEndpoints.Exceptions);
        exports.MapGet("/audit.csv", ExportEndpoints.Audit);
        app.MapPrometheus();
        return app;
    }
}
