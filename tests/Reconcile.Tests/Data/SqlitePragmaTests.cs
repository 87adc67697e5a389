using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Data;

/// <summary>The pragmas are set once per physical connection, and a connection the pool hands out again still has them.</summary>
public sealed class SqlitePragmaTests : IClassFixture<ReconcileFactory>
{
    private readonly ReconcileFactory _factory;

    public SqlitePragmaTests(ReconcileFactory factory)
    {
        _factory = factory;
        _ = factory.Server;
    }

    [Fact]
    public async Task Every_request_scope_sees_the_busy_timeout_and_normal_sync_on_its_connection()
    {
        for (var scopeNumber = 0; scopeNumber < 3; scopeNumber++)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            for (var open = 0; open < 2; open++)
            {
                // EF opens and closes the connection around each query, as a webhook's queries do.
                await db.Database.OpenConnectionAsync();
                Assert.Equal(10_000L, await PragmaAsync(db, "busy_timeout"));
                Assert.Equal(1L, await PragmaAsync(db, "synchronous")); // 1 = NORMAL
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static async Task<object?> PragmaAsync(ReconcileDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return await command.ExecuteScalarAsync();
    }
}
