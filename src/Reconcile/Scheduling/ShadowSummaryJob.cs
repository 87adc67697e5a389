using Microsoft.Extensions.Options;
using Quartz;
using Reconcile.Slack.Notifications;

namespace Reconcile.Scheduling;

/// <summary>Posts each Shadow flow's daily summary, and what each flow's Shadow automation would have replayed.</summary>
[DisallowConcurrentExecution]
public sealed class ShadowSummaryJob(IServiceScopeFactory scopes, IOptionsMonitor<SchedulingOptions> options) : IJob
{
    public static readonly JobKey Key = new("shadow-summary", "reports");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShadowSummary>().QueueAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<AutomationShadowSummary>().QueueAsync(cancellationToken);
    }
}
