using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Hosting;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Automation;

/// <summary>
/// Automation's two points in a run: which new exceptions Live automation holds back from paging (the same
/// rule <see cref="AutomationCandidates.Held"/> applies afterwards), and the hand-off of the committed run to
/// <see cref="AutomationJob"/>.
/// </summary>
public sealed class RunAutomation(HandOff handOff, FlowCatalog flows, ILogger<RunAutomation> logger) : IRunAutomation
{
    public async Task<IReadOnlySet<long>> HoldAsync(ReconcileDbContext db, RunEntity run, IReadOnlyList<ExceptionEntity> opened, FlowOptions flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(opened);
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.Automation.Mode != AutomationOptions.Live || run.CircuitBreakerTripped || opened.Count == 0
            || await db.AutomationSwitches.AsNoTracking().AnyAsync(s => s.Flow == run.Flow && !s.Enabled, cancellationToken))
        {
            return new HashSet<long>();
        }

        return AutomationCandidates.Held(opened, flow.Automation);
    }

    public async Task RunCommittedAsync(RunEntity run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!flows.Exists(run.Flow) || flows.Options(run.Flow).Automation.Mode == AutomationOptions.Off)
        {
            return;
        }

        try
        {
            await handOff.StartAsync(AutomationJob.Key, AutomationJob.Data(run.Flow, run.Id), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The run stands; AutomationResumption hands the flow's last run over again at the next start.
            logger.LogError(exception, "Automation for run {RunId} of {Flow} could not be handed to the scheduler", run.Id, run.Flow);
        }
    }
}
