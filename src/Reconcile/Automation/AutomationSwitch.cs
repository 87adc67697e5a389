using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Lifecycle;

namespace Reconcile.Automation;

/// <summary>
/// A flow's automation switch, in the database (survives restarts, one state for every replica). Switching writes
/// one audit event (<c>automation_disabled</c> / <c>automation_enabled</c>, no exception) and tells the notifier, all
/// in one save; a switch to the state it is already in changes and says nothing, so a breaker alerts once.
/// </summary>
public sealed class AutomationSwitch(ReconcileDbContext db, AuditLog audit, IAutomationNotifier notifier, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>On unless switched off (no row: on).</summary>
    public async Task<bool> IsOnAsync(string flow, CancellationToken cancellationToken) =>
        !await db.AutomationSwitches.AsNoTracking().AnyAsync(s => s.Flow == flow && !s.Enabled, cancellationToken);

    /// <summary>The flow's switch row, or null when it was never switched.</summary>
    public Task<AutomationSwitchEntity?> StateAsync(string flow, CancellationToken cancellationToken) =>
        db.AutomationSwitches.AsNoTracking().SingleOrDefaultAsync(s => s.Flow == flow, cancellationToken);

    /// <summary>
    /// Switches the flow's automation; true when this call changed it (false: it was already so, or another
    /// replica switched it at the same moment). <paramref name="actor"/>: a Slack user id or <c>system:auto</c>.
    /// </summary>
    public async Task<bool> SetAsync(string flow, bool enabled, string actor, string reason, AutomationBreakerFigures? breaker, CancellationToken cancellationToken)
    {
        var row = await db.AutomationSwitches.SingleOrDefaultAsync(s => s.Flow == flow, cancellationToken);
        if ((row?.Enabled ?? true) == enabled)
        {
            return false;
        }

        if (row is null)
        {
            row = new AutomationSwitchEntity { Flow = flow, ChangedBy = actor };
            db.AutomationSwitches.Add(row);
        }

        row.Enabled = enabled;
        row.ChangedAt = time.GetUtcNow();
        row.ChangedBy = actor;
        row.Reason = reason;
        row.Version++;
        audit.Record(db, null, actor, enabled ? AuditActions.AutomationEnabled : AuditActions.AutomationDisabled,
            enabled ? "off" : "on", enabled ? "on" : "off", reason, JsonSerializer.Serialize(new { flow, breaker }, Json));
        notifier.Switched(db, flow, enabled, actor, reason, breaker);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another replica switched it first (same key or a newer version): theirs stands, with its one event and alert.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
