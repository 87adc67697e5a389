using Microsoft.EntityFrameworkCore;

namespace Reconcile.Data;

/// <summary>The shared store for scale-out. Owns Data/Migrations/Postgres.</summary>
public sealed class PostgresReconcileDbContext(DbContextOptions<PostgresReconcileDbContext> options) : ReconcileDbContext(options);
