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
        var settings = FiguresDataSet.Settings();
        settings["Database:Provider"] = "Postgres";
        settings["Database:ConnectionString"] = database.ConnectionString;
        using var factory = ReconcileFactory.With(settings);
        await factory.Services.GetRequiredService<SimulationLoader>().LoadAsync(400, 0.2, 5, CancellationToken.None);
        var now = factory.Time.GetUtcNow();

        await LagOracle.AssertKeptEqualsComputedAsync(factory.Services, new ReportPeriod(now.AddDays(-7), now), new ReportPeriod(now.AddDays(-1), now));
        var week = await LagOracle.KeptAsync(factory.Services, "promo-to-billing", new ReportPeriod(now.AddDays(-7), now));
        Assert.InRange(week.Lags.Count, 200, 400);
    }
}
