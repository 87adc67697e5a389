using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Reconcile.Data.Entities;

namespace Reconcile.Data;

/// <summary>The embedded default. Owns Data/Migrations/Sqlite.</summary>
public sealed class SqliteReconcileDbContext(DbContextOptions<SqliteReconcileDbContext> options) : ReconcileDbContext(options)
{
    /// <summary>
    /// A record's money as the decimal's own invariant text, so it reads back with the digits and scale it was sent with
    /// ("19.90" stays 19.90): the values a run compares and shows must be the ones received.
    /// </summary>
    public static readonly ValueConverter<decimal, string> ExactDecimal = new(
        v => v.ToString(CultureInfo.InvariantCulture),
        v => decimal.Parse(v, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset text; stored through this converter's long it can
        // (watermarks, SLA sweeps), because every instant we store is UTC (ingest normalizes offsets).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<RecordEntity>(e =>
        {
            e.Property(r => r.Subtotal).HasConversion(ExactDecimal);
            e.Property(r => r.Discount).HasConversion(ExactDecimal);
            e.Property(r => r.Tax).HasConversion(ExactDecimal);
            e.Property(r => r.Total).HasConversion(ExactDecimal);
        });
    }
}
