using Reconcile.Hosting;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// Pulls from systems' APIs (<c>Systems:&lt;name&gt;:Connector:Pull</c>): the runner and its reader, the page store,
/// the start-up close of interrupted pulls and the <c>pulls</c> health check. Jobs and triggers are declared in
/// <c>Scheduling/SchedulingSetup.cs</c> with the others.
/// </summary>
public static class PullSetup
{
    public static IHostApplicationBuilder AddPulls(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PullRunner>();
        builder.Services.AddSingleton<PullReader>();
        builder.Services.AddScoped<PulledPages>();
        builder.Services.AddHostedService<InterruptedPulls>();
        builder.Services.AddHealthChecks().AddCheck<PullHealthCheck>(PullHealthCheck.Name, tags: [HealthSetup.ReadyTag]);
        return builder;
    }
}
