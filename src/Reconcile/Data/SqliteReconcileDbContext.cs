using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Reconcile.Data;

/// <summary>The embedded default. Owns Data/Migrations/Sqlite.</summary>
public sealed class SqliteReconcileDbContext(DbContextOptions<SqliteReconcileDbContext> options) : ReconcileDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset text; stored through this converter's long it can
        // (watermarks, SLA sweeps), because every instant we store is UTC (ingest normalizes offsets).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
