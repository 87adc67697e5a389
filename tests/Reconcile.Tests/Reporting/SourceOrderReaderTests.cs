using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Reporting;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Reconciliation;

namespace Reconcile.Tests.Reporting;

/// <summary>Drill-downs on SQLite read source orders from SQLite's memory; each must read exactly as EF's query reads it.</summary>
public sealed class SourceOrderReaderTests
{
    [Fact]
    public async Task Source_orders_read_from_sqlite_memory_as_the_ef_query_reads_them()
    {
        using var factory = new ReconcileFactory();
        using var client = factory.CreateClient();
        var at = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        await client.IngestAsync("shop",
            SentOrders.Order("R-1", at, ""","campaign":"spring","region":"EU-DE","createdAt":"2026-04-30T23:00:00Z" """,
                ("SKU-1", 2m, 19.90m), ("SKU-2", 1m, 0.05m), ("SKU-1", 1m, 1m)),
            SentOrders.Order("R-2", at.AddMinutes(1), "", ("SKU-3", 3m, 1000000.123456m)),
            """{"orderId":"R-3","currency":"USD","total":"not money","updatedAt":"2026-05-01T08:00:00Z"}""",
            SentOrders.Order("R-4", at.AddMinutes(2), ""","campaign":"fall" """),
            SentOrders.Order("R-6", at.AddMinutes(3)),
            SentOrders.Order("R-7", at.AddMinutes(4)));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        // R-4 as a row written before the compact part existed and not yet backfilled: read from its canonical JSON.
        await db.Database.ExecuteSqlRawAsync("""UPDATE records SET "Compact" = NULL WHERE "OrderId" = 'R-4'""");
        // R-7 quarantined although it reads as a record (its payload kept): not a source order either.
        await db.Database.ExecuteSqlRawAsync("""UPDATE records SET "Quarantined" = 1 WHERE "OrderId" = 'R-7'""");
        // Exceptions raised in the week for R-1 (twice), R-2 (at its last tick), R-3, R-4 and R-5; R-2 again just before
        // the week, and R-6 only in another flow.
        var week = new ReportPeriod(at, at.AddDays(7));
        db.Exceptions.AddRange(
            Raised("promo-to-billing", "R-1", at.AddHours(1)), Raised("promo-to-billing", "R-1", at.AddHours(2)),
            Raised("promo-to-billing", "R-2", at.AddDays(7).AddTicks(-1)), Raised("promo-to-billing", "R-2", at.AddTicks(-1)),
            Raised("promo-to-billing", "R-3", at), Raised("promo-to-billing", "R-5", at), Raised("shop-to-crm", "R-6", at),
            Raised("promo-to-billing", "R-7", at.AddHours(3)));
        // R-4 at the instant the week begins: in the week, not in the day before it.
        db.Exceptions.Add(Raised("promo-to-billing", "R-4", at));
        await db.SaveChangesAsync();
        var reader = scope.ServiceProvider.GetRequiredService<SourceOrderReader>();

        var fromSqlite = await reader.RaisedInAsync("promo-to-billing", "shop", week, CancellationToken.None);
        var fromQuery = await reader.RaisedInQueriedAsync("promo-to-billing", "shop", week, CancellationToken.None);
        var before = await reader.RaisedInAsync("promo-to-billing", "shop", new ReportPeriod(at.AddDays(-1), at), CancellationToken.None);

        // are quarantined and R-5 was never sent: none is a source order; R-6 has no exception in this flow.
        Assert.Equal(["R-2"], before.Keys);
        Assert.Equal(["R-1", "R-2", "R-4"], fromSqlite.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("R-1|2026-04-30T23:00:00.0000000+00:00|spring|EU-DE|SKU-1,SKU-2|40.85|paid|USD", Describe(fromSqlite["R-1"]));
        Assert.Equal("R-4|2026-05-01T08:02:00.0000000+00:00|fall||SKU-1|50.00|paid|USD", Describe(fromSqlite["R-4"]));
        Assert.Equal(fromQuery.Keys.Order(StringComparer.Ordinal), fromSqlite.Keys.Order(StringComparer.Ordinal));
        foreach (var (orderId, order) in fromQuery)
        {
            Assert.Equal(Describe(order), Describe(fromSqlite[orderId]));
            Assert.Equal(decimal.GetBits(order.Total), decimal.GetBits(fromSqlite[orderId].Total));
        }
    }

    private static Reconcile.Data.Entities.ExceptionEntity Raised(string flow, string orderId, DateTimeOffset at) => new()
    {
        Flow = flow, OrderId = orderId, Type = "missing_in_target", System = "billing", Fingerprint = $"{flow}|{orderId}|{at.UtcTicks}",
        Owner = "finance", OriginalOwner = "finance", CreatedAt = at, LastSeenAt = at, SlaDueAt = at.AddDays(1),
    };

    private static string Describe(SourceOrder o) => string.Join('|',
        o.OrderId, o.CreatedAt.ToString("O", CultureInfo.InvariantCulture), o.Campaign, o.Region, string.Join(',', o.Skus),
        o.Total.ToString(CultureInfo.InvariantCulture), o.Status, o.Currency);
}
