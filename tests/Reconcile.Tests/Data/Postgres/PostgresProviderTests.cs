using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Simulation;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Data.Postgres;

/// <summary>The same service on PostgreSQL: its own migrations, triggers, runs and audit chain.</summary>
public sealed class PostgresProviderTests
{
    private static ReconcileFactory Factory(PostgresDatabase database) => ReconcileFactory.With(new Dictionary<string, string?>
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = database.ConnectionString,
    });

    [SkippableFact]
    public async Task The_migrate_verb_creates_the_postgres_schema_and_the_audit_table_refuses_changes()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var directory = TestDirectory.Create();
        var result = await ReconcileProcess.RunAsync(directory, new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["Database__ConnectionString"] = database.ConnectionString,
        }, "migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1L, await database.ScalarAsync("SELECT count(*) FROM information_schema.tables WHERE table_name = 'audit_events'"));
        await database.ScalarAsync("""INSERT INTO audit_events ("ExceptionId", "At", "Actor", "Action", "PrevHash", "Hash") VALUES (NULL, now(), 'U1', 'x', '0', 'h')""");
        var update = await Assert.ThrowsAsync<PostgresException>(() => database.ScalarAsync("""UPDATE audit_events SET "Actor" = 'mallory'"""));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PostgresException>(() => database.ScalarAsync("DELETE FROM audit_events"));
        TestDirectory.TryDelete(directory);
    }

    [SkippableFact]
    public async Task A_simulated_run_on_postgres_finds_exactly_the_injected_faults_with_an_intact_audit_chain()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = Factory(database);
        using var client = factory.CreateClient();
        var world = await factory.Services.GetRequiredService<SimulationLoader>().LoadAsync(1500, 0.05, 21, CancellationToken.None);

        await RunDriver.RunAsync(client);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        Assert.IsType<PostgresReconcileDbContext>(db);
        var found = (await db.Exceptions.Select(e => new { e.OrderId, e.Type, e.System }).ToListAsync()).Select(e => (e.OrderId, e.Type, e.System)).ToHashSet();
        Assert.True(found.SetEquals(world.ExpectedFindings.Select(f => (f.OrderId, f.Type, f.System))));
        var chain = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
        Assert.True(chain.Intact, chain.Problem);
        Assert.Equal(found.Count, chain.Checked);
    }
}
