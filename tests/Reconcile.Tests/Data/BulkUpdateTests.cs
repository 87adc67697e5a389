using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack;

namespace Reconcile.Tests.Data;

/// <summary>The SQLite bulk path a run saves its repeats and resolutions through: what SaveChanges would write, checked as it would.</summary>
public sealed class BulkUpdateTests : IClassFixture<ReconcileFactory>
{
    private readonly ReconcileFactory _factory;

    public BulkUpdateTests(ReconcileFactory factory)
    {
        _factory = factory;
        _ = factory.Server;
    }

    [Fact]
    public async Task Modified_columns_are_written_the_rest_left_as_stored_and_the_rows_no_longer_tracked()
    {
        var (first, second) = (await SeedAsync("bulk-1"), await SeedAsync("bulk-2"));
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var row in await db.Exceptions.Where(e => e.Id == first || e.Id == second).ToListAsync())
            {
                row.Occurrences = row.Id == first ? 4 : 7;
                row.Actual = "SPRING25";
                row.ValueAtRisk = 12.345m;
            }

            await BulkUpdate.SaveModifiedAsync<ExceptionEntity>(db, CancellationToken.None);
            Assert.Empty(db.ChangeTracker.Entries<ExceptionEntity>());
            await transaction.CommitAsync();
        }

        var stored = await StoredAsync(first, second);
        Assert.Equal([(4, "SPRING25", 12.345m, "SPRING24", 0), (7, "SPRING25", 12.345m, "SPRING24", 0)],
            stored.Select(e => (e.Occurrences, e.Actual, e.ValueAtRisk, e.Expected, e.Version)).ToList());
    }

    [Fact]
    public async Task A_row_changed_since_it_was_read_is_refused_as_a_concurrency_conflict_and_nothing_is_kept()
    {
        var (first, second) = (await SeedAsync("bulk-3"), await SeedAsync("bulk-4"));
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var rows = await db.Exceptions.Where(e => e.Id == first || e.Id == second).OrderBy(e => e.Id).ToListAsync();

        // Someone decides on the second exception after the run read it.
        await using (var other = _factory.Services.CreateAsyncScope())
        {
            await other.ServiceProvider.GetRequiredService<ReconcileDbContext>().Exceptions.Where(e => e.Id == second)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Version, 2).SetProperty(e => e.Owner, "finance"));
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            foreach (var row in rows)
            {
                row.Occurrences = 9;
            }

            var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => BulkUpdate.SaveModifiedAsync<ExceptionEntity>(db, CancellationToken.None));
            Assert.Contains($"ExceptionEntity {second}", conflict.Message, StringComparison.Ordinal);
            await transaction.RollbackAsync();
        }

        var stored = await StoredAsync(first, second);
        Assert.Equal([(1, 0, "crm-owner"), (1, 2, "finance")], stored.Select(e => (e.Occurrences, e.Version, e.Owner)).ToList());
    }

    private async Task<long> SeedAsync(string orderId)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var row = TestExceptions.Open(orderId: orderId);
        db.Exceptions.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }

    private async Task<List<ExceptionEntity>> StoredAsync(params long[] ids)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReconcileDbContext>().Exceptions.AsNoTracking()
            .Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync();
    }
}
