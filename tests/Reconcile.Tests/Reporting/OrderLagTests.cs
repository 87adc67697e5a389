using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Ingest;
using Reconcile.Reporting;
using Reconcile.Simulation;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Reconciliation;
using static Reconcile.Tests.Reporting.FiguresDataSet;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// The lag rows the figures read stay equal to the lag computed from the records (<see cref="LagOracle"/>) through what
/// ingest does to an order: targets before or after the source, later updates, quarantine, and a rebuild after an upgrade.
/// Flows: promo-to-billing (shop → crm, billing) and shop-to-crm (shop → crm).
/// </summary>
public sealed class OrderLagTests : IDisposable
{
    private static readonly ReportPeriod Week = new(At(0), At(7));
    private readonly ReconcileFactory _factory = ReconcileFactory.With(Settings());

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_target_received_before_its_source_counts_from_the_source_s_creation()
    {
        await StoreAsync("crm", Order("L1", created: At(1), updated: At(1)), At(1, 2));
        await StoreAsync("billing", Order("L1", created: At(1), updated: At(1)), At(1, 3));
        await AssertKeptEqualsComputedAsync();
        await AssertKeptAsync("promo-to-billing", Week, [], 0);

        await StoreAsync("shop", Order("L1", created: At(1), updated: At(1)), At(1, 0.5));

        await AssertKeptEqualsComputedAsync();
        await AssertKeptAsync("promo-to-billing", Week, [Hours(3)], 0);
        await AssertKeptAsync("shop-to-crm", Week, [Hours(2)], 0);
    }

    [Fact]
    public async Task A_target_received_after_its_source_confirms_the_order_when_the_last_target_has_it()
    {
        await StoreAsync("shop", Order("L2", created: At(2), updated: At(2)), At(2));
        await StoreAsync("crm", Order("L2", created: At(2), updated: At(2)), At(2, 1));
        await AssertKeptEqualsComputedAsync();
        await AssertKeptAsync("promo-to-billing", Week, [], 1);

        await StoreAsync("billing", Order("L2", created: At(2), updated: At(2)), At(2, 4));

        await AssertKeptEqualsComputedAsync();
        await AssertKeptAsync("promo-to-billing", Week, [Hours(4)], 0);
        await AssertKeptAsync("shop-to-crm", Week, [Hours(1)], 0);
    }

    [Fact]
    public async Task An_order_updated_later_is_measured_to_the_last_copy_received()
    {
        await StoreEverywhereAsync("L3", created: At(1), updated: At(1), shop: At(1), crm: At(1, 1), billing: At(1, 2));

        // The shop's update keeps createdAt; CRM's copy of it arrives two days later: the last target received it then.
        await StoreAsync("shop", Order("L3", created: At(1), updated: At(3), status: "refunded"), At(3));
        await StoreAsync("crm", Order("L3", created: At(1), updated: At(3), status: "refunded"), At(3, 1));

        await AssertKeptEqualsComputedAsync();
        await AssertKeptAsync("promo-to-billing", Week, [Hours(49)], 0);
        // A week starting after the order was created no longer holds it; one starting after its last update never did.
        await AssertKeptAsync("promo-to-billing", new ReportPeriod(At(2), At(9)), [], 0);
    }

    [Fact]
    public async Task A_target_copy_quarantined_by_a_bad_update_leaves_the_order_unconfirmed_until_a_good_one_arrives()
    {
        await StoreEverywhereAsync("L4", created: At(1), updated: At(1), shop: At(1), crm: At(1, 1), billing: At(1, 2));

        await StoreAsync("billing", $$"""{"orderId":"L4","currency":"USD","total":"twelve","updatedAt":"{{Iso(At(2))}}"}""", At(2));
        await AssertKeptEqualsComputedAsync();
        await AssertKeptAsync("promo-to-billing", Week, [], 1);
        await AssertKeptAsync("shop-to-crm", Week, [Hours(1)], 0);

        await StoreAsync("billing", Order("L4", created: At(1), updated: At(2, 1)), At(2, 5));
        await AssertKeptEqualsComputedAsync();
        await AssertKeptAsync("promo-to-billing", Week, [Hours(29)], 0);
    }

    [Fact]
    public async Task A_quarantined_source_copy_is_no_order_of_the_period()
    {
        await StoreEverywhereAsync("L5", created: At(1), updated: At(1), shop: At(1), crm: At(1, 1), billing: At(1, 2));

        await StoreAsync("shop", $$"""{"orderId":"L5","currency":"USD","total":"twelve","updatedAt":"{{Iso(At(2))}}"}""", At(2));

        await AssertKeptEqualsComputedAsync();
        await AssertKeptAsync("promo-to-billing", Week, [], 0);
    }

    [Fact]
    public async Task Records_saved_through_the_change_tracker_keep_the_rows_too()
    {
        await _factory.SeedAsync([.. FiguresDataSet.Order("A1", At(1, 8), "spring", "US-CA", ["SKU-1"], 100m, crm: At(1, 8.5), billing: null)]);
        await AssertKeptAsync("promo-to-billing", Week, [], 1);

        await _factory.QueryAsync(async db =>
        {
            var crm = await db.Records.SingleAsync(r => r.System == "crm" && r.OrderId == "A1");
            db.Records.Add(new RecordEntity { System = "billing", OrderId = "A1", Payload = crm.Payload, RawPayload = crm.RawPayload, ReceivedAt = At(1, 12), OrderUpdatedAt = crm.OrderUpdatedAt });
            crm.ReceivedAt = At(1, 13);
            return await db.SaveChangesAsync();
        });

        await AssertKeptEqualsComputedAsync();
        await AssertKeptAsync("promo-to-billing", Week, [Hours(5)], 0);
    }

    [Fact]
    public async Task A_simulated_load_with_faults_keeps_exactly_the_lags_computed_from_its_records()
    {
        await _factory.Services.GetRequiredService<SimulationLoader>().LoadAsync(600, 0.2, 11, CancellationToken.None);
        var now = _factory.Time.GetUtcNow();

        await LagOracle.AssertKeptEqualsComputedAsync(_factory.Services, new ReportPeriod(now.AddDays(-7), now), new ReportPeriod(now.AddDays(-1), now), new ReportPeriod(now.AddDays(-7), now.AddDays(-1)));
        var week = await LagOracle.KeptAsync(_factory.Services, "promo-to-billing", new ReportPeriod(now.AddDays(-7), now));
        // Dropped webhooks leave orders unconfirmed; duplicates and quarantined copies are among the rest.
        Assert.InRange(week.Unconfirmed, 1, 300);
        Assert.InRange(week.Lags.Count, 300, 700);
    }

    [Fact]
    public async Task A_bulk_load_leaves_the_rows_to_one_rebuild_at_its_end_which_keeps_exactly_the_computed_lags()
    {
        // 3,500 orders × 3 systems are over BulkLoad.SuspendLagsFrom records: the batches mark the flows unbuilt instead.
        await _factory.Services.GetRequiredService<SimulationLoader>().LoadAsync(3500, 0.2, 13, CancellationToken.None);
        var now = _factory.Time.GetUtcNow();

        var built = await _factory.QueryAsync(db => db.OrderLagFlows.AsNoTracking().OrderBy(f => f.Flow).Select(f => f.Flow + "=" + f.Signature).ToListAsync());
        Assert.Equal(["promo-to-billing=1:shop>billing,crm", "shop-to-crm=1:shop>crm"], built);
        await LagOracle.AssertKeptEqualsComputedAsync(_factory.Services, new ReportPeriod(now.AddDays(-7), now), new ReportPeriod(now.AddDays(-1), now));
        var week = await LagOracle.KeptAsync(_factory.Services, "promo-to-billing", new ReportPeriod(now.AddDays(-7), now));
        Assert.InRange(week.Lags.Count, 2000, 3500);
    }

    [Fact]
    public async Task A_bulk_load_that_stops_before_its_rebuild_leaves_its_flows_unbuilt_and_the_next_read_builds_them()
    {
        await StoreEverywhereAsync("L8", created: At(1), updated: At(1), shop: At(1), crm: At(1, 1), billing: null);
        await AssertKeptAsync("promo-to-billing", Week, [], 1);

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var lags = scope.ServiceProvider.GetRequiredService<OrderLagMaintainer>();
            using var suspension = lags.Suspend(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());
            using var document = JsonDocument.Parse(Order("L8", created: At(1), updated: At(1)));
            await scope.ServiceProvider.GetRequiredService<RecordStore>()
                .StoreAsync("billing", [(document.RootElement.Clone(), At(1, 3))], (IReadOnlyDictionary<string, string>?)null, CancellationToken.None);
            Assert.Equal(["promo-to-billing"], suspension.Flows);
            // The load ends here, as if its process had stopped: no rebuild.
        }

        // The flow billing feeds is marked unbuilt, its stale row still there; the other is untouched.
        Assert.Equal(["shop-to-crm"], await _factory.QueryAsync(db => db.OrderLagFlows.AsNoTracking().Select(f => f.Flow).ToListAsync()));
        using var client = _factory.CreateClient();
        var body = JsonDocument.Parse(await (await client.GetWithTokenAsync("/api/metrics?from=2026-11-16&to=2026-11-23")).Content.ReadAsStringAsync()).RootElement;

        var flow = body.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("flow").GetString() == "promo-to-billing");
        Assert.Equal((1, 0), (flow.GetProperty("ordersConfirmed").GetInt32(), flow.GetProperty("ordersUnconfirmed").GetInt32()));
        Assert.Equal(3.0, flow.GetProperty("lagP50Hours").GetDouble(), 1e-9);
        await AssertKeptEqualsComputedAsync();
    }

    [Fact]
    public async Task A_flow_whose_rows_are_missing_or_built_for_other_systems_is_rebuilt_from_the_records_on_first_read()
    {
        await StoreEverywhereAsync("L6", created: At(1), updated: At(1), shop: At(1), crm: At(1, 1), billing: At(1, 2));
        await StoreEverywhereAsync("L7", created: At(2), updated: At(2), shop: At(2), crm: At(2, 6), billing: null);
        // As after the upgrade (records, no rows) and after a topology change (rows of another target set).
        await _factory.QueryAsync(async db =>
        {
            await db.OrderLags.ExecuteDeleteAsync();
            await db.OrderLagFlows.Where(f => f.Flow == "promo-to-billing").ExecuteDeleteAsync();
            return await db.OrderLagFlows.Where(f => f.Flow == "shop-to-crm").ExecuteUpdateAsync(s => s.SetProperty(f => f.Signature, "1:shop>billing"));
        });

        using var client = _factory.CreateClient();
        var body = JsonDocument.Parse(await (await client.GetWithTokenAsync("/api/metrics?from=2026-11-16&to=2026-11-23")).Content.ReadAsStringAsync()).RootElement;

        var flows = body.GetProperty("flows").EnumerateArray().ToDictionary(f => f.GetProperty("flow").GetString()!, f => f);
        Assert.Equal((1, 1), (flows["promo-to-billing"].GetProperty("ordersConfirmed").GetInt32(), flows["promo-to-billing"].GetProperty("ordersUnconfirmed").GetInt32()));
        Assert.Equal(2.0, flows["promo-to-billing"].GetProperty("lagP50Hours").GetDouble(), 1e-9);
        Assert.Equal((2, 0), (flows["shop-to-crm"].GetProperty("ordersConfirmed").GetInt32(), flows["shop-to-crm"].GetProperty("ordersUnconfirmed").GetInt32()));
        await AssertKeptEqualsComputedAsync();
    }

    private Task AssertKeptEqualsComputedAsync() =>
        LagOracle.AssertKeptEqualsComputedAsync(_factory.Services, Week, new ReportPeriod(At(1, 12), At(7)), new ReportPeriod(At(-7), At(1, 12)));

    private async Task AssertKeptAsync(string flow, ReportPeriod period, long[] lags, int unconfirmed)
    {
        var kept = await LagOracle.KeptAsync(_factory.Services, flow, period);
        Assert.Equal(lags, kept.Lags);
        Assert.Equal(unconfirmed, kept.Unconfirmed);
    }

    private async Task StoreEverywhereAsync(string id, DateTimeOffset created, DateTimeOffset updated, DateTimeOffset shop, DateTimeOffset crm, DateTimeOffset? billing)
    {
        await StoreAsync("shop", Order(id, created, updated), shop);
        await StoreAsync("crm", Order(id, created, updated), crm);
        if (billing is { } at)
        {
            await StoreAsync("billing", Order(id, created, updated), at);
        }
    }

    private async Task StoreAsync(string system, string json, DateTimeOffset receivedAt)
    {
        using var scope = _factory.Services.CreateScope();
        using var document = JsonDocument.Parse(json);
        await scope.ServiceProvider.GetRequiredService<RecordStore>()
            .StoreAsync(system, [(document.RootElement.Clone(), receivedAt)], (IReadOnlyDictionary<string, string>?)null, CancellationToken.None);
    }

    private static string Order(string id, DateTimeOffset created, DateTimeOffset updated, string status = "paid") =>
        SentOrders.Order(id, updated, $$""","createdAt":"{{Iso(created)}}" """.TrimEnd()).Replace("\"status\":\"paid\"", $"\"status\":\"{status}\"", StringComparison.Ordinal);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static long Hours(double hours) => TimeSpan.FromHours(hours).Ticks;
}
