using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Topology;

namespace Reconcile.Automation;

/// <summary>
/// The new exceptions a run held back from paging because Live automation was going to try them (the same rule as
/// <see cref="RunAutomation.HoldAsync"/>), and their paging when automation then does not try them or fails: nobody
/// else would tell their owners.
/// </summary>
public sealed class HeldExceptions(ReconcileDbContext db, AutomationSwitch automationSwitch, IAutomationNotifier notifier)
{
    /// <summary>The exceptions the run held back from paging: <see cref="RunAutomation.HoldAsync"/>'s rule, applied again to what it committed.</summary>
    public async Task<IReadOnlySet<long>> OfAsync(RunEntity run, AutomationOptions options, CancellationToken cancellationToken)
    {
        if (options.Mode != AutomationOptions.Live || !await SwitchedOnAtAsync(run, cancellationToken))
        {
            return new HashSet<long>();
        }

        var opened = await db.Exceptions.AsNoTracking().Where(e => e.Flow == run.Flow && e.RunId == run.Id && e.CreatedAt >= run.StartedAt)
            .ToListAsync(cancellationToken);
        return AutomationCandidates.Held(opened, options);
    }

    /// <summary>Pages a held exception's owner (with <paramref name="note"/> in its diagnostics, if any); an exception that was not held was paged by its run.</summary>
    public async Task PageIfHeldAsync(ExceptionEntity exception, IReadOnlySet<long> held, string? note, CancellationToken cancellationToken)
    {
        if (!held.Contains(exception.Id))
        {
            return;
        }

        var row = await db.Exceptions.SingleAsync(e => e.Id == exception.Id, cancellationToken);
        if (note is not null)
        {
            row.Diagnostics = AutomationAttempt.WithAutomationNote(row.Diagnostics, note);
        }

        await notifier.PageAsync(db, row, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The exception changed meanwhile (a person acted, or a run updated it): its next change tells its owner.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Was automation on when the run finished (and held its exceptions)? The switch's one row tells, by when it last changed.</summary>
    private async Task<bool> SwitchedOnAtAsync(RunEntity run, CancellationToken cancellationToken)
    {
        var state = await automationSwitch.StateAsync(run.Flow, cancellationToken);
        var at = run.EndedAt ?? run.StartedAt;
        return state is null || (state.Enabled ? state.ChangedAt <= at : state.ChangedAt > at);
    }
}
