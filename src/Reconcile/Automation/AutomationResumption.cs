using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Hosting;
using Reconcile.Topology;

namespace Reconcile.Automation;

/// <summary>
/// At start-up, each automated flow's last completed run is handed to <see cref="AutomationJob"/> again: a run
/// committed just before a stop still gets its automation (claims are unique, so nothing is tried twice), and
/// attempts a restart left replaying are settled.
/// </summary>
public sealed class AutomationResumption(IServiceScopeFactory scopes, FlowCatalog flows, HandOff handOff, ILogger<AutomationResumption> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var automated = flows.Names.Where(f => flows.Options(f).Automation.Mode != AutomationOptions.Off).ToList();
        if (automated.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken) || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }

        foreach (var flow in automated)
        {
            var last = await db.Runs.AsNoTracking().Where(r => r.Flow == flow && r.Status == RunStatus.Completed)
                .OrderByDescending(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
            if (last is { } runId)
            {
                await handOff.StartAsync(AutomationJob.Key, AutomationJob.Data(flow, runId), cancellationToken);
                logger.LogInformation("Automation of {Flow}: run {RunId} handed over again at start-up", flow, runId);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
