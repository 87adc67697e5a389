using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Reconcile.Data;
using Reconcile.Slack;

namespace Reconcile.Hosting;

/// <summary>
/// Three health routes. <c>/healthz</c> runs every check (database, scheduler, Slack auth) for people;
/// <c>/healthz/live</c> runs none (the process answers: Kubernetes' liveness and startup probes);
/// <c>/healthz/ready</c> runs the checks tagged <see cref="ReadyTag"/> (readiness). Degraded answers 200
/// everywhere, so Slack being down is reported without taking the pod out of service.
/// </summary>
public static class HealthSetup
{
    public const string Route = "/healthz";
    public const string LiveRoute = "/healthz/live";
    public const string ReadyRoute = "/healthz/ready";

    /// <summary>Checks whose failure means this instance should receive no traffic.</summary>
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<SlackAuthHealthCheck.Cache>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<ReconcileDbContext>("database", tags: [ReadyTag])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [ReadyTag])
            // Slack reports at worst Degraded (the outbox keeps every message), which readiness shows but does not fail on.
            .AddCheck<SlackAuthHealthCheck>("slack", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>200 when every check is healthy or degraded, 503 when one is unhealthy; JSON names each check.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(Route, new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks(LiveRoute, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
        app.MapHealthChecks(ReadyRoute, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync });
        return app;
    }
}
