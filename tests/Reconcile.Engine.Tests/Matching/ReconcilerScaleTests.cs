using System.Diagnostics;
using Reconcile.Engine.Matching;
using Reconcile.Engine.Records;
using Reconcile.Engine.Reference;
using Reconcile.Engine.Simulation;
using Xunit.Abstractions;
using Reconcile.Engine.Tests.Builders;

namespace Reconcile.Engine.Tests.Matching;

public class ReconcilerScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void A_million_orders_across_three_systems_reconcile_well_under_twenty_seconds()
    {
        const int count = 1_000_000;
        var shop = new StoredRecord[count];
        var crm = new StoredRecord[count];
        var billing = new StoredRecord[count];
        var ids = new string[count];
        var received = Orders.Now.AddHours(-1);
        for (var i = 0; i < count; i++)
        {
            var record = Orders.Default with { OrderId = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            ids[i] = record.OrderId;
            shop[i] = new StoredRecord { System = "shop", OrderId = record.OrderId, Record = record, ReceivedAt = received };
            crm[i] = shop[i] with { System = "crm" };

            // One order in a hundred is wrong in billing, so findings are built too.
            billing[i] = shop[i] with { System = "billing", Record = i % 100 == 0 ? record with { Total = 1m } : record };
        }

        var bySystem = new Dictionary<string, StoredRecord[]> { ["shop"] = shop, ["crm"] = crm, ["billing"] = billing };
        var watch = Stopwatch.StartNew();

        // The lookup stands in for the host's store; ids are array indexes here.
        var result = Reconciler.Reconcile(
            SimulatedFlow.PromoToBilling,
            ids,
            (system, id) => [bySystem[system][int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)]],
            new ReferenceData(customerIds: ["C-77"]),
            Orders.Now);
        watch.Stop();

        Assert.Equal(count, result.OrdersExamined);
        Assert.Equal(count / 100, result.Findings.Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        output.WriteLine($"reconciled {count:N0} orders in {watch.Elapsed}");
    }
}
