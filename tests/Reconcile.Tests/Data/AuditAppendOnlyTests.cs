using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Data;

public sealed class AuditAppendOnlyTests : IClassFixture<ReconcileFactory>
{
    private readonly ReconcileFactory _factory;

    public AuditAppendOnlyTests(ReconcileFactory factory)
    {
        _factory = factory;
        _ = factory.Server;
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_an_audit_event()
    {
        long id;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            var audit = new AuditEventEntity { Actor = "U1", Action = "created", At = _factory.Time.GetUtcNow(), PrevHash = "0", Hash = "h1", Reason = "original" };
            db.AuditEvents.Add(audit);
            await db.SaveChangesAsync();
            id = audit.Id;
        }

        await using var connection = new SqliteConnection($"Data Source={_factory.DatabasePath}");
        await connection.OpenAsync();
        var update = await Assert.ThrowsAsync<SqliteException>(() => Execute(connection, $"UPDATE audit_events SET Reason = 'forged' WHERE Id = {id}"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<SqliteException>(() => Execute(connection, $"DELETE FROM audit_events WHERE Id = {id}"));
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);

        await using var check = _factory.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<ReconcileDbContext>().AuditEvents.AsNoTracking().SingleAsync(a => a.Id == id);
        Assert.Equal("original", stored.Reason);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
