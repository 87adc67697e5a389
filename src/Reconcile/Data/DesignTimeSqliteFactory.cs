using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Reconcile.Data;

/// <summary>Lets `dotnet ef migrations add X --context SqliteReconcileDbContext` build the model without a host.</summary>
internal sealed class DesignTimeSqliteFactory : IDesignTimeDbContextFactory<SqliteReconcileDbContext>
{
    public SqliteReconcileDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteReconcileDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeSqliteFactory).Assembly.GetName().Name))
            .Options);
}
