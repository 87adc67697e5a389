using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Data;

public sealed class MigrationTests : IDisposable
{
    private readonly string _directory = TestDirectory.Create();

    [Fact]
    public async Task The_migrate_verb_creates_the_schema_on_an_empty_database()
    {
        var path = Path.Combine(_directory, "fresh", "reconcile.db");
        var result = await ReconcileProcess.RunAsync(_directory, new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = $"Data Source={path}",
        }, "migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Applied \d+ migration\(s\)", result.Out);
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        var tables = await Names(connection, "table");
        foreach (var table in new[] { "records", "record_history", "customers", "products", "promotions", "runs", "exceptions", "audit_events", "slack_outbox" })
        {
            Assert.Contains(table, tables);
        }

        Assert.Contains("audit_events_no_update", await Names(connection, "trigger"));
        Assert.Contains("audit_events_no_delete", await Names(connection, "trigger"));
        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode;"));

        var again = await ReconcileProcess.RunAsync(_directory, new Dictionary<string, string> { ["Database__ConnectionString"] = $"Data Source={path}" }, "migrate");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("up to date", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sqlite_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = new SqliteReconcileDbContext(new DbContextOptionsBuilder<SqliteReconcileDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "run `dotnet ef migrations add <Name> --context SqliteReconcileDbContext --output-dir Data/Migrations/Sqlite`");
    }

    [Fact]
    public void The_postgres_model_has_no_changes_missing_from_its_migrations()
    {
        using var db = new PostgresReconcileDbContext(new DbContextOptionsBuilder<PostgresReconcileDbContext>().UseNpgsql("Host=localhost;Database=none").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "run `dotnet ef migrations add <Name> --context PostgresReconcileDbContext --output-dir Data/Migrations/Postgres`");
    }

    private static async Task<List<string>> Names(SqliteConnection connection, string type)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = $type";
        command.Parameters.AddWithValue("$type", type);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<string?> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDirectory.TryDelete(_directory);
    }
}
