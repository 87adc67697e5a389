using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Ingest;
using Reconcile.Reconciliation;
using Reconcile.Reporting;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Reconciliation;
using Reconcile.Topology;
using static Reconcile.Tests.Reporting.FiguresDataSet;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// The lag rebuild's passes read from SQLite's column memory compute exactly the rows the provider-neutral EF passes
/// compute from the same records, including the copies ingest never writes today: a record stored before the typed
/// columns (no compact part), a compact part without its total, a compact part that does not decode, a copy without
/// an updatedAt and a valid copy without a canonical payload.
/// </summary>
public sealed class SqliteLagPassesTests
{
    [Fact]
    public async Task Both_passes_compute_the_same_rows_from_the_same_records_whatever_columns_a_copy_lacks()
    {
        using var factory = ReconcileFactory.With(Settings());
        foreach (var id in new[] { "P1", "P2", "P3", "P4", "P5", "P6" })
        {
            // Created a day before its update: a row that took one time for the other would differ.
            var order = SentOrders.Order(id, At(2), ",\"createdAt\":\"" + At(1).UtcDateTime.ToString("O", CultureInfo.InvariantCulture) + "\"");
            await StoreAsync(factory, "shop", order, At(2));
            await StoreAsync(factory, "crm", order, At(2, 3));
        }

        await factory.QueryAsync(async db =>
        {
            var shop = db.Records.Where(r => r.System == "shop");
            await shop.Where(r => r.OrderId == "P2").ExecuteUpdateAsync(set => set.SetProperty(r => r.Compact, (byte[]?)null));
            await shop.Where(r => r.OrderId == "P3").ExecuteUpdateAsync(set => set.SetProperty(r => r.Total, (decimal?)null));
            await shop.Where(r => r.OrderId == "P4").ExecuteUpdateAsync(set => set.SetProperty(r => r.Compact, new byte[] { 2 }));
            await shop.Where(r => r.OrderId == "P5").ExecuteUpdateAsync(set => set.SetProperty(r => r.OrderUpdatedAt, (DateTimeOffset?)null));
            return await shop.Where(r => r.OrderId == "P6").ExecuteUpdateAsync(set => set.SetProperty(r => r.Payload, (string?)null));
        });

        var throughEf = await RowsAsync(factory, (db, built) => OrderLagMaintainer.ReadPassesAsync(db, built, CancellationToken.None));
        var fromSqlite = await RowsAsync(factory, async (db, built) =>
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            var copies = SqliteLagPasses.Read(connection, built, CancellationToken.None);
            await SqliteLagPasses.InsertRowsAsync(db, built, copies, CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        });

        // P1 counted whole, P2 read from its payload; P3 (no total) and P4 (undecodable) have no creation time, P5 no
        // update time, P6 no canonical payload: no row for them.
        Assert.Equal(["P1", "P2"], throughEf.Select(r => r.Split('|')[0]).Distinct());
        Assert.Equal(throughEf, fromSqlite);
    }

    /// <summary>The rows one way of reading writes for the configured flows, as "order|flow|created|updated|lag", sorted; the table is emptied after.</summary>
    private static Task<List<string>> RowsAsync(ReconcileFactory factory, Func<ReconcileDbContext, List<(string Source, OrderLagRows Rows)>, Task> passes) =>
        factory.QueryAsync(async db =>
        {
            var flows = factory.Services.GetRequiredService<IOptionsMonitor<TopologyOptions>>().CurrentValue.Flows.Where(f => f.Value.Targets.Count > 0);
            var built = flows.Select(f => (f.Value.Source, Rows: new OrderLagRows(f.Key, f.Value))).ToList();
            await db.OrderLags.ExecuteDeleteAsync();
            await passes(db, built);
            var rows = (await db.OrderLags.AsNoTracking().ToListAsync())
                .Select(l => $"{l.OrderId}|{l.Flow}|{l.CreatedAt:O}|{l.UpdatedAt:O}|{l.LagTicks}").Order(StringComparer.Ordinal).ToList();
            await db.OrderLags.ExecuteDeleteAsync();
            return rows;
        });

    private static async Task StoreAsync(ReconcileFactory factory, string system, string json, DateTimeOffset receivedAt)
    {
        using var scope = factory.Services.CreateScope();
        using var document = JsonDocument.Parse(json);
        await scope.ServiceProvider.GetRequiredService<RecordStore>()
            .StoreAsync(system, [(document.RootElement.Clone(), receivedAt)], (IReadOnlyDictionary<string, string>?)null, CancellationToken.None);
    }
}
