using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Data;

/// <summary>
/// Rows added to the tracker are taken out of it in the order they were added, and the other tracked entities' changes
/// are still found by the save that follows.
/// </summary>
public sealed class TakeAddedTests
{
    [Fact]
    public async Task The_added_rows_come_out_in_order_and_a_change_made_before_is_still_saved()
    {
        using var factory = new ReconcileFactory();
        await factory.SeedAsync(new CustomerEntity { Id = "C-1", Name = "before", ReceivedAt = factory.Time.GetUtcNow() });
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        var customer = await db.Customers.SingleAsync(c => c.Id == "C-1");
        customer.Name = "after";
        db.AuditEvents.Add(Event("first"));
        db.AuditEvents.Add(Event("second"));

        var taken = BulkInsert.TakeAdded<AuditEventEntity>(db);
        await db.SaveChangesAsync();

        Assert.Equal(["first", "second"], taken.Select(e => e.Action));
        Assert.All(taken, e => Assert.Equal(EntityState.Detached, db.Entry(e).State));
        Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
        Assert.Equal("after", await factory.QueryAsync(q => q.Customers.Where(c => c.Id == "C-1").Select(c => c.Name).SingleAsync()));
        Assert.Equal(0, await factory.QueryAsync(q => q.AuditEvents.CountAsync()));
    }

    private static AuditEventEntity Event(string action) => new() { Actor = "test", Action = action, PrevHash = "", Hash = "" };
}
