using Reconcile.Reconciliation;

namespace Reconcile.Automation;

public static class AutomationSetup
{
    /// <summary>
    /// System-led execution: the run's hold and hand-off, automatic replays and their breaker, the persisted switch,
    /// replays linked to approvals. Its jobs are declared in Scheduling/SchedulingSetup.cs, its Slack handlers in SlackSetup.
    /// </summary>
    public static IHostApplicationBuilder AddAutomation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<IRunAutomation, RunAutomation>();
        services.AddScoped<AutomationRunner>();
        services.AddScoped<AutomationAttempt>();
        services.AddScoped<HeldExceptions>();
        services.AddScoped<AutomationSwitch>();
        services.AddScoped<LinkedReplay>();
        services.AddHostedService<AutomationResumption>();
        return builder;
    }
}
