using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;

namespace Reconcile.Data;

/// <summary>Tables, keys and indexes, listed once for both providers.</summary>
internal static class ModelConfiguration
{
    private static readonly ValueConverter<ExceptionState, string> StateNames = new(s => s.ToWireName(), s => WireNames.ParseState(s));
    private static readonly ValueConverter<Resolution, string> ResolutionNames = new(r => r.ToWireName(), r => WireNames.ParseResolution(r));

    public static void Apply(ModelBuilder model)
    {
        model.Entity<RecordEntity>(e =>
        {
            e.ToTable("records");
            e.HasIndex(r => new { r.System, r.OrderId, r.ExternalId, r.Copy }).IsUnique();
            // Incremental runs find the orders received since the watermark here; with the order id in the index they
            // never touch the table for it (a covering index), and the feed's last arrival is its last entry.
            e.HasIndex(r => new { r.System, r.ReceivedAt, r.OrderId });

            // Incremental runs carry the orders still inside the lag window, found by their own updatedAt.
            e.HasIndex(r => new { r.System, r.OrderUpdatedAt });

            // Every start looks for valid records still without typed columns (RecordColumnsBackfill); this index holds
            // only those (after the backfill, only payloads it could not read), so the look reads next to nothing
            // instead of every record (1.1 s at 300,000 orders).
            e.HasIndex(r => r.Id).HasFilter(RecordColumnsBackfill.PendingFilter).HasDatabaseName("IX_records_columns_pending");
            e.Property(r => r.System).HasMaxLength(64);
            e.Property(r => r.OrderId).HasMaxLength(128);
            e.Property(r => r.ExternalId).HasMaxLength(128);
            e.Ignore(r => r.RawPayload);
            e.Property(r => r.StoredRawPayload).HasColumnName("RawPayload");
            // Materializing must not go through Payload's setter, which forgets the stored value StoredRawPayload reports.
            e.Property(r => r.Payload).HasField("_payload").UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        model.Entity<RecordHistoryEntity>(e =>
        {
            e.ToTable("record_history");
            e.HasIndex(r => new { r.System, r.OrderId });
        });
        model.Entity<CustomerEntity>(e => e.ToTable("customers").HasKey(c => c.Id));
        model.Entity<ProductEntity>(e => e.ToTable("products").HasKey(p => p.Sku));
        model.Entity<PromotionEntity>(e => e.ToTable("promotions").HasKey(p => p.Code));
        model.Entity<RunEntity>(e =>
        {
            e.ToTable("runs");
            e.HasIndex(r => new { r.Flow, r.StartedAt });
            // The flow's gate, held by the database rather than one process: at most one running run per flow, on
            // every replica. Same filter text on SQLite and PostgreSQL (both accept double-quoted identifiers).
            e.HasIndex(r => r.Flow).IsUnique().HasFilter("\"Status\" = 'running'").HasDatabaseName("IX_runs_Flow_running");
        });
        model.Entity<ExceptionEntity>(e =>
        {
            e.ToTable("exceptions");
            e.HasIndex(x => new { x.Fingerprint, x.State });
            e.HasIndex(x => new { x.Flow, x.State });
            e.HasIndex(x => x.OrderId);
            e.Property(x => x.Version).IsConcurrencyToken();
            // The enums are stored (and queried) as their wire names, the same strings as ever: no data changes.
            e.Property(x => x.State).HasConversion(StateNames);
            e.Property(x => x.Resolution).HasConversion(ResolutionNames);
        });
        model.Entity<AuditEventEntity>(e =>
        {
            e.ToTable("audit_events");
            e.HasIndex(a => a.ExceptionId);
            e.HasIndex(a => a.At);
        });
        model.Entity<DigestEntity>(e =>
        {
            e.ToTable("digests");
            e.HasIndex(d => d.WeekStart).IsUnique();
        });
        model.Entity<WebhookDeliveryEntity>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasKey(d => new { d.System, d.DeliveryId });
            e.Property(d => d.System).HasMaxLength(64);
            e.Property(d => d.DeliveryId).HasMaxLength(256);
        });
        model.Entity<AutomationAttemptEntity>(e =>
        {
            e.ToTable("automation_attempts");
            // The claim: one automatic attempt per exception and mode, on every replica (a second insert fails).
            e.HasIndex(a => new { a.ExceptionId, a.Mode }).IsUnique();
            e.HasIndex(a => new { a.Flow, a.StartedAt });
            e.Property(a => a.Flow).HasMaxLength(128);
            e.Property(a => a.Rule).HasMaxLength(256);
            e.Property(a => a.Mode).HasMaxLength(16);
            e.Property(a => a.Status).HasMaxLength(32);
        });
        model.Entity<AutomationSwitchEntity>(e =>
        {
            e.ToTable("automation_switches");
            e.HasKey(s => s.Flow);
            e.Property(s => s.Flow).HasMaxLength(128);
            e.Property(s => s.Version).IsConcurrencyToken();
        });
        model.Entity<PullEntity>(e =>
        {
            e.ToTable("pulls");
            e.HasIndex(p => new { p.System, p.StartedAt });
            e.Property(p => p.System).HasMaxLength(64);
            // A system's pull gate, held by the database like a flow's: at most one running pull per system on every replica.
            e.HasIndex(p => p.System).IsUnique().HasFilter("\"Status\" = 'running'").HasDatabaseName("IX_pulls_System_running");
        });
        model.Entity<PullWatermarkEntity>(e =>
        {
            e.ToTable("pull_watermarks");
            e.HasKey(w => w.System);
            e.Property(w => w.System).HasMaxLength(64);
        });
        model.Entity<ReplayAttemptEntity>(e =>
        {
            e.ToTable("replay_attempts");
            // The key is what a target de-duplicates on: two replays must never share one.
            e.HasIndex(a => a.IdempotencyKey).IsUnique();
            e.HasIndex(a => a.ExceptionId);
            e.Property(a => a.IdempotencyKey).HasMaxLength(128);
            e.Property(a => a.Target).HasMaxLength(64);
            e.Property(a => a.Actor).HasMaxLength(128);
            e.Property(a => a.Outcome).HasMaxLength(16);
            e.Property(a => a.Failure).HasMaxLength(2000);
        });
        model.Entity<OrderLagEntity>(e =>
        {
            e.ToTable("order_lags");
            // The figures read a flow's period from this index alone (it covers every column they read); ingest
            // replaces an order's rows through the other.
            e.HasIndex(l => new { l.Flow, l.CreatedAt, l.UpdatedAt, l.LagTicks });
            e.HasIndex(l => new { l.Flow, l.OrderId });
            e.Property(l => l.Flow).HasMaxLength(128);
            e.Property(l => l.OrderId).HasMaxLength(128);
        });
        model.Entity<OrderLagFlowEntity>(e =>
        {
            e.ToTable("order_lag_flows");
            e.HasKey(f => f.Flow);
            e.Property(f => f.Flow).HasMaxLength(128);
            e.Property(f => f.Signature).HasMaxLength(1000);
        });
        model.Entity<SlackOutboxEntity>(e =>
        {
            e.ToTable("slack_outbox");
            // Channel too, so the dispatcher's look for channels with due rows reads the index alone, never the rows' payloads.
            e.HasIndex(o => new { o.Status, o.NextAttemptAt, o.Channel });
            // A channel's due rows in order (OutboxDispatcher): without it every pass scanned and sorted every pending row
            // of every channel, and a response_url is a channel of its own, so a burst of clicks cost a square of its size.
            e.HasIndex(o => new { o.Channel, o.Status, o.Id });
        });
    }
}
