using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Reconciliation;
using Reconcile.Simulation;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Data;

/// <summary>Records stored before runs read typed columns: they still read the same, and the migrator fills their columns exactly.</summary>
public sealed class RecordColumnsBackfillTests
{
    [Fact]
    public async Task The_look_at_every_start_for_records_to_fill_reads_only_their_partial_index()
    {
        using var factory = new ReconcileFactory();

        var plan = await factory.QueryAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = RecordColumnsBackfill.Pending(db, 0).CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await using var reader = await command.ExecuteReaderAsync();
            var steps = new List<string>();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }

            await db.Database.CloseConnectionAsync();
            return steps;
        });

        Assert.Equal(["SEARCH r USING INDEX IX_records_columns_pending (Id>?)"], plan);
    }

    [Fact]
    public async Task Records_without_typed_columns_reconcile_the_same_and_are_backfilled_exactly_as_ingest_writes_them()
    {
        using var factory = new ReconcileFactory();
        await factory.Services.GetRequiredService<SimulationLoader>().LoadAsync(400, 0.1, 21, CancellationToken.None);
        var runner = factory.Services.GetRequiredService<ReconciliationRunner>();
        var first = await runner.RunAsync("promo-to-billing", full: true, "test", CancellationToken.None);
        var findings = await Findings(factory);
        var written = await factory.QueryAsync(db => db.Records.AsNoTracking().Where(r => r.Compact != null)
            .Select(r => new { r.Id, r.Total, r.Discount, r.Currency, r.PromoCode, r.Status, r.CustomerId, r.Compact }).ToListAsync());

        // As a database migrated from before the columns existed holds them.
        var cleared = await factory.QueryAsync(db => db.Records.ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Compact, (byte[]?)null).SetProperty(r => r.Total, (decimal?)null).SetProperty(r => r.Currency, (string?)null)
            .SetProperty(r => r.Discount, (decimal?)null).SetProperty(r => r.PromoCode, (string?)null).SetProperty(r => r.Status, (string?)null)
            .SetProperty(r => r.CustomerId, (string?)null)));
        var again = await runner.RunAsync("promo-to-billing", full: true, "test", CancellationToken.None);

        Assert.True(written.Count > 1100, $"{written.Count} records with columns");
        Assert.Equal(first!.OrdersMatched, again!.OrdersMatched);
        Assert.Equal(first.OrdersExamined, again.OrdersExamined);
        Assert.Equal(findings, await Findings(factory));

        var filled = await factory.QueryAsync(db => RecordColumnsBackfill.RunAsync(db, CancellationToken.None));
        var backfilled = await factory.QueryAsync(db => db.Records.AsNoTracking().Where(r => r.Compact != null)
            .Select(r => new { r.Id, r.Total, r.Discount, r.Currency, r.PromoCode, r.Status, r.CustomerId, r.Compact }).ToListAsync());
        Assert.True(cleared >= written.Count);
        Assert.Equal(written.Count, filled);
        Assert.Equal(written.Select(Describe), backfilled.Select(Describe));
        Assert.Equal(0, await factory.QueryAsync(db => RecordColumnsBackfill.RunAsync(db, CancellationToken.None)));
    }

    private static string Describe<T>(T row) => System.Text.Json.JsonSerializer.Serialize(row);

    private static Task<List<string>> Findings(ReconcileFactory factory) => factory.QueryAsync(async db =>
        (await db.Exceptions.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Fingerprint, e.Expected, e.Actual, e.ValueAtRisk, e.Diagnostics, e.State }).ToListAsync())
        .Select(Describe).ToList());
}
