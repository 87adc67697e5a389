using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;

namespace Reconcile.Data;

/// <summary>
/// The one model. Each provider has a thin subclass that owns its own migration set,
/// so PostgreSQL and SQLite never share migrations.
/// </summary>
public abstract class ReconcileDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<RecordEntity> Records => Set<RecordEntity>();
    public DbSet<RecordHistoryEntity> RecordHistory => Set<RecordHistoryEntity>();
    public DbSet<CustomerEntity> Customers => Set<CustomerEntity>();
    public DbSet<ProductEntity> Products => Set<ProductEntity>();
    public DbSet<PromotionEntity> Promotions => Set<PromotionEntity>();
    public DbSet<RunEntity> Runs => Set<RunEntity>();
    public DbSet<ExceptionEntity> Exceptions => Set<ExceptionEntity>();
    public DbSet<AuditEventEntity> AuditEvents => Set<AuditEventEntity>();
    public DbSet<SlackOutboxEntity> SlackOutbox => Set<SlackOutboxEntity>();
    public DbSet<DigestEntity> Digests => Set<DigestEntity>();
    public DbSet<WebhookDeliveryEntity> WebhookDeliveries => Set<WebhookDeliveryEntity>();
    public DbSet<AutomationAttemptEntity> AutomationAttempts => Set<AutomationAttemptEntity>();
    public DbSet<AutomationSwitchEntity> AutomationSwitches => Set<AutomationSwitchEntity>();
    public DbSet<PullEntity> Pulls => Set<PullEntity>();
    public DbSet<PullWatermarkEntity> PullWatermarks => Set<PullWatermarkEntity>();
    public DbSet<ReplayAttemptEntity> ReplayAttempts => Set<ReplayAttemptEntity>();
    public DbSet<OrderLagEntity> OrderLags => Set<OrderLagEntity>();
    public DbSet<OrderLagFlowEntity> OrderLagFlows => Set<OrderLagFlowEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ModelConfiguration.Apply(modelBuilder);
    }
}
