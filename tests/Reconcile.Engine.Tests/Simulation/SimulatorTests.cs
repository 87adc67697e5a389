using Reconcile.Engine.Simulation;

namespace Reconcile.Engine.Tests.Simulation;

public class SimulatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private static SimulatedWorld World(int seed) => Simulator.Generate(new SimulatorOptions(2_000, 0.2, seed, Now));

    [Fact]
    public void The_same_seed_gives_the_same_world()
    {
        var first = World(7);
        var second = World(7);

        Assert.Equal(first.Payloads, second.Payloads);
        Assert.Equal(first.ExpectedFindings, second.ExpectedFindings);
        Assert.NotEqual(first.Payloads, World(8).Payloads);
    }

    [Fact]
    public void Every_fault_kind_is_injected()
    {
        var kinds = World(1).Faults.Select(f => f.Kind).ToHashSet();

        Assert.Equal(Enum.GetValues<FaultKind>().ToHashSet(), kinds);
    }

    [Fact]
    public void Late_updates_are_inside_the_lag_window_and_expect_no_finding()
    {
        var world = World(1);
        var late = world.Faults.Where(f => f.Kind == FaultKind.LateUpdate).Select(f => f.OrderId).ToHashSet();

        Assert.NotEmpty(late);
        Assert.All(world.Faults.Where(f => f.Kind == FaultKind.LateUpdate), f => Assert.Empty(f.Expected));
        var shopPayloads = world.Payloads.Where(p => p.System == "shop").ToList();
        Assert.All(shopPayloads.Where(p => late.Any(id => p.RawPayload.Contains($"\"{id}\"", StringComparison.Ordinal))),
            p => Assert.True(Now - p.ReceivedAt < world.Flow.LagWindow));
    }

    [Fact]
    public void Every_payload_outside_late_updates_is_older_than_the_lag_window()
    {
        var world = World(2);
        var late = world.Faults.Where(f => f.Kind == FaultKind.LateUpdate).Select(f => $"\"{f.OrderId}\"").ToList();

        var recent = world.Payloads.Where(p => Now - p.ReceivedAt < world.Flow.LagWindow).ToList();

        Assert.All(recent, p => Assert.Contains(late, id => p.RawPayload.Contains(id, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_crm_speaks_its_own_field_names()
    {
        var world = World(3);

        Assert.Contains(world.Payloads, p => p.System == "crm" && p.RawPayload.Contains("\"promo_tag\"", StringComparison.Ordinal));
        Assert.DoesNotContain(world.Payloads, p => p.System == "crm" && p.RawPayload.Contains("\"promoCode\"", StringComparison.Ordinal));
        Assert.Equal("promoCode", world.FieldMaps["crm"]["promo_tag"]);
    }

    [Fact]
    public void Some_clean_orders_carry_sub_cent_rounding_noise()
    {
        var world = World(4);
        var snapshot = world.ToSnapshot();
        var faulty = world.Faults.Select(f => f.OrderId).ToHashSet();

        var noisy = snapshot.OrderIds.Where(id => !faulty.Contains(id)).Count(id =>
        {
            var shop = snapshot.Get("shop", id)[0].Record!;
            return new[] { "crm", "billing" }.Select(s => snapshot.Get(s, id)[0].Record!).Any(copy =>
                copy.Total != shop.Total || copy.Lines[0].UnitPrice != shop.Lines[0].UnitPrice);
        });

        Assert.InRange(noisy, 20, 200);
    }
}
