using Microsoft.Extensions.DependencyInjection;
using Reconcile.Reporting;
using Reconcile.Simulation;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Reporting;

namespace Reconcile.Tests.Data.Postgres;

/// <summary>The figures' lag rows on PostgreSQL: kept through ingest and rebuilt on first need, equal to the lag computed from the records.</summary>
public sealed class PostgresOrderLagTests
{
    [SkippableFact]
    public async Task A_simulated_load_on_postgres_keeps_exactly_the_lags_computed_from_its_records()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = await LoadedAsync(database);
        var now = factory.Time.GetUtcNow();

        await LagOracle.AssertKeptEqualsComputedAsync(factory.Services, new ReportPeriod(now.AddDays(-7), now), new ReportPeriod(now.AddDays(-1), now));
        var week = await LagOracle.KeptAsync(factory.Services, "promo-to-billing", new ReportPeriod(now.AddDays(-7), now));
        Assert.InRange(week.Lags.Count, 200, 400);
    }

    [SkippableFact]
    public async Task A_bulk_load_on_postgres_rebuilds_exactly_the_lags_computed_from_its_records()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // 3,500 orders × 3 systems are over BulkLoad.SuspendLagsFrom records: the rows are rebuilt once, at the end.
        using var factory = await LoadedAsync(database, orders: 3500);
        var now = factory.Time.GetUtcNow();

        await LagOracle.AssertKeptEqualsComputedAsync(factory.Services, new ReportPeriod(now.AddDays(-7), now), new ReportPeriod(now.AddDays(-1), now));
        var week = await LagOracle.KeptAsync(factory.Services, "promo-to-billing", new ReportPeriod(now.AddDays(-7), now));
        Assert.InRange(week.Lags.Count, 2000, 3500);
    }

    [SkippableFact]
    public async Task Figures_on_postgres_read_the_lags_and_drill_down_sources_the_records_give()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = await LoadedAsync(database);
        await factory.Services.GetRequiredService<Reconcile.Reconciliation.ReconciliationRunner>().RunAsync("promo-to-billing", full: true, "test", CancellationToken.None);
        var now = factory.Time.GetUtcNow();
        // The run's exceptions are raised at now: the period's end is exclusive.
        var week = new ReportPeriod(now.AddDays(-7), now.AddMinutes(1));

        using var scope = factory.Services.CreateScope();
        var figures = await scope.ServiceProvider.GetRequiredService<FiguresQuery>().ComputeAsync(week, "promo-to-billing", DrillDownDimensions.All, CancellationToken.None);

        // The lags (read without EF's materialiser) are the kept rows, whose equality with the records the test above proves.
        var kept = await LagOracle.KeptAsync(factory.Services, "promo-to-billing", week);
        var lags = kept.Lags.Select(TimeSpan.FromTicks).ToList();
        Assert.Equal(kept.Lags.Count, figures.Overall.OrdersConfirmed);
        Assert.Equal(kept.Unconfirmed, figures.Overall.OrdersUnconfirmed);
        Assert.Equal(Statistics.PercentileHours(lags, 0.95), figures.Overall.LagP95Hours);
        // Every exception raised is drilled into by the campaign of its order's source copy, read through EF's query here.
        Assert.True(figures.Overall.ExceptionsRaised > 0);
        Assert.Equal(figures.Overall.ExceptionsRaised, figures.DrillDowns["campaign"].Sum(r => r.Exceptions));
        Assert.Contains(figures.DrillDowns["campaign"], r => r.Key != DrillDownRow.Unknown);
    }

    /// <summary>A service on <paramref name="database"/> holding a simulated load of <paramref name="orders"/> orders (20% faults).</summary>
    private static async Task<ReconcileFactory> LoadedAsync(PostgresDatabase database, int orders = 400)
    {
        var settings = FiguresDataSet.Settings();
        settings["Database:Provider"] = "Postgres";
        settings["Database:ConnectionString"] = database.ConnectionString;
        var factory = ReconcileFactory.With(settings);
        await factory.Services.GetRequiredService<SimulationLoader>().LoadAsync(orders, 0.2, 5, CancellationToken.None);
        return factory;
    }
}
