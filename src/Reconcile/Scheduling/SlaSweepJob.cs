using Microsoft.Extensions.Options;
using Quartz;
using Reconcile.Workflow;

namespace Reconcile.Scheduling;

/// <summary>The Quartz face of <see cref="SlaSweep"/> (declared with its trigger in SchedulingSetup).</summary>
[DisallowConcurrentExecution]
public sealed class SlaSweepJob(IServiceScopeFactory scopes, IOptionsMonitor<SchedulingOptions> options) : IJob
{
    public static readonly JobKey Key = new("sla-sweep", "workflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SlaSweep>().SweepAsync(cancellationToken);
    }
}
