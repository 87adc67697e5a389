using Reconcile.Reconciliation.Connectors;

namespace Reconcile.Workflow;

public static class WorkflowSetup
{
    /// <summary>Approve / Replay / Escalate, authorization, replays through connectors, the SLA sweep. Slack handlers are listed in SlackSetup.</summary>
    public static IHostApplicationBuilder AddWorkflow(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddConnectors();

        services.AddSingleton<UserGroupCache>();
        services.AddScoped<OwnerDirectory>();
        services.AddScoped<ExceptionDecision>();

        services.AddSingleton<ReplayPipelines>();
        services.AddScoped<AuthoritativeRecord>();
        services.AddScoped<ReplayExecutor>();
        services.AddScoped<ReplayStart>();
        services.AddHostedService<ReplayResumption>();

        services.AddScoped<SlaSweep>();
        return builder;
    }
}
