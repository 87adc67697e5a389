using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Reconcile.Data;
using Reconcile.Slack;

namespace Reconcile.Hosting;

public static class HealthSetup
{
    public const string Route = "/healthz";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<SlackAuthHealthCheck.Cache>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<ReconcileDbContext>("database")
            .AddCheck<SchedulerHealthCheck>("scheduler")
            .AddCheck<SlackAuthHealthCheck>("slack");
        return builder;
    }

    /// <summary>200 when every check is healthy or degraded, 503 when one is unhealthy; JSON names each check.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(Route, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        return app;
    }
}
