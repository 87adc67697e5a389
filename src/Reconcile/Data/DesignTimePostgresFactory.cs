using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Reconcile.Data;

/// <summary>Lets `dotnet ef migrations add X --context PostgresReconcileDbContext` build the model; it never connects.</summary>
internal sealed class DesignTimePostgresFactory : IDesignTimeDbContextFactory<PostgresReconcileDbContext>
{
    public PostgresReconcileDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresReconcileDbContext>()
            .UseNpgsql("Host=localhost;Database=reconcile")
            .Options);
}
