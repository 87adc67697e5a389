using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Auditing;

public sealed class AuditChainTests : IDisposable
{
    private readonly ReconcileFactory _factory = new();

    public AuditChainTests() => _ = _factory.Server;

    private async Task RecordAsync(int count, string actor = "U0FIN1")
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Record(db, 7, actor, "approved", "open", "resolved", $"reason {i}");
            await db.SaveChangesAsync();
        }
    }

    private async Task<AuditVerifier.Result> VerifyAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Each_event_carries_the_hash_of_the_one_before_it()
    {
        await RecordAsync(3);

        await using var scope = _factory.Services.CreateAsyncScope();
        var events = await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().AuditEvents.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(3, events.Count);
        Assert.Equal(AuditHasher.Genesis, events[0].PrevHash);
        Assert.Equal(events[0].Hash, events[1].PrevHash);
        Assert.Equal(events[1].Hash, events[2].PrevHash);
        Assert.All(events, e => Assert.Equal(AuditHasher.Compute(e, e.PrevHash), e.Hash));
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Concurrent_units_of_work_never_fork_the_chain()
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => RecordAsync(2, $"U{i}"))));

        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(40, result.Checked);
    }

    [Fact]
    public async Task Verify_names_the_event_altered_behind_the_triggers_back()
    {
        await RecordAsync(4);
        await using (var connection = new SqliteConnection($"Data Source={_factory.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET Reason = 'forged' WHERE Id = 3;";
            await command.ExecuteNonQueryAsync();
        }

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadId);
        Assert.Equal(2, result.Checked);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_verify_verb_exits_non_zero_naming_the_first_bad_event()
    {
        await RecordAsync(2);
        var environment = new Dictionary<string, string> { ["Database__ConnectionString"] = $"Data Source={_factory.DatabasePath}" };

        var good = await ReconcileProcess.RunAsync(_factory.Directory, environment, "audit", "verify");
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("2 event(s) verified", good.Out, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection($"Data Source={_factory.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET Actor = 'mallory' WHERE Id = 1;";
            await command.ExecuteNonQueryAsync();
        }

        var bad = await ReconcileProcess.RunAsync(_factory.Directory, environment, "audit", "verify");
        Assert.Equal(3, bad.ExitCode);
        Assert.Contains("BROKEN at event 1", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_that_fails_does_not_leave_the_audit_chain_locked()
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            db.Records.Add(new Reconcile.Data.Entities.RecordEntity { System = "shop", OrderId = "1", RawPayload = "{}" });
            await db.SaveChangesAsync();
        }

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            scope.ServiceProvider.GetRequiredService<AuditLog>().Record(db, 1, "U1", "approved");
            db.Records.Add(new Reconcile.Data.Entities.RecordEntity { System = "shop", OrderId = "1", RawPayload = "{}" });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        // Were the lock still held, this would wait 30 s and throw.
        await RecordAsync(1);
        var result = await VerifyAsync();
        Assert.True(result.Intact);
        Assert.Equal(1, result.Checked);
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
