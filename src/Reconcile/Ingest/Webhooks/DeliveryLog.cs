using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;

namespace Reconcile.Ingest.Webhooks;

/// <summary>The deliveries already taken in, in the database so a retry is recognised after a restart or on another replica.</summary>
public sealed class DeliveryLog(ReconcileDbContext db)
{
    public Task<bool> SeenAsync(string system, string deliveryId, CancellationToken cancellationToken) =>
        db.WebhookDeliveries.AnyAsync(d => d.System == system && d.DeliveryId == deliveryId, cancellationToken);

    /// <summary>
    /// Marks the delivery in the unit of work that stores its records, so both are saved together.
    /// Returns the row, to be confirmed by <see cref="ConfirmAsync"/>.
    /// </summary>
    public WebhookDeliveryEntity Begin(string system, string deliveryId, DateTimeOffset receivedAt)
    {
        var row = new WebhookDeliveryEntity { System = system, DeliveryId = deliveryId, ReceivedAt = receivedAt };
        db.WebhookDeliveries.Add(row);
        return row;
    }

    /// <summary>Sets the delivery's counts before the store saves, so the row is written with its records in one transaction.</summary>
    public static void Count(WebhookDeliveryEntity? row, IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (row is not null)
        {
            row.Accepted = result.Accepted;
            row.Quarantined = result.Quarantined;
        }
    }

    /// <summary>
    /// Confirms the delivery is recorded: nothing to do when it was saved with its records. When the store had to start
    /// its unit of work again (a concurrent twin of this delivery saved first) the row is added again. Returns false
    /// when a twin recorded the delivery first.
    /// </summary>
    public async Task<bool> ConfirmAsync(WebhookDeliveryEntity row, IngestResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(result);
        if (db.Entry(row).State == EntityState.Unchanged)
        {
            return true;
        }

        if (db.Entry(row).State == EntityState.Detached)
        {
            db.WebhookDeliveries.Add(row);
        }

        row.Accepted = result.Accepted;
        row.Quarantined = result.Quarantined;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
