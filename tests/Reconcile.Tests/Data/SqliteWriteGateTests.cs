using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Data;

/// <summary>
/// Writes wait for one another in the process, asynchronously, whether they run in a transaction or alone
/// (ExecuteUpdate, ExecuteDelete), instead of blocking a thread in SQLite's busy handler.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly ReconcileFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_write_outside_a_transaction_waits_for_the_open_write_transaction_without_blocking_its_caller()
    {
        using var holding = _factory.Services.CreateScope();
        using var waiting = _factory.Services.CreateScope();
        var holder = holding.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var waiter = waiting.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        await using var transaction = await holder.Database.BeginTransactionAsync();

        // Ungated, this call would block right here in SQLite's busy handler until the transaction ended (never: it is this thread's).
        var delete = waiter.SlackOutbox.Where(o => o.Id == -1).ExecuteDeleteAsync();

        Assert.False(delete.IsCompleted);
        await transaction.CommitAsync();
        Assert.Equal(0, await delete);
    }

    [Theory]
    [InlineData("UPDATE \"slack_outbox\" SET \"Attempts\" = 1", true)]
    [InlineData("  delete FROM \"slack_outbox\"", true)]
    [InlineData("-- claim\nINSERT INTO \"slack_outbox\" DEFAULT VALUES", true)]
    [InlineData("/* tag */ REPLACE INTO t VALUES (1)", true)]
    [InlineData("SELECT \"Id\" FROM \"slack_outbox\"", false)]
    [InlineData("-- UPDATE in a comment\nSELECT 1", false)]
    [InlineData("PRAGMA busy_timeout = 10000", false)]
    public void Statements_that_write_are_told_from_those_that_read(string sql, bool writes)
    {
        using var command = new SqliteCommand(sql);

        Assert.Equal(writes, SqliteWriteGate.WritesAlone(command));
    }

    [Fact]
    public void A_write_inside_a_transaction_is_left_to_the_transaction_that_holds_the_gate()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = new SqliteCommand("UPDATE t SET x = 1", connection, transaction);

        Assert.False(SqliteWriteGate.WritesAlone(command));
    }
}
