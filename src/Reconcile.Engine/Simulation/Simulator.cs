using Reconcile.Engine.Records;

namespace Reconcile.Engine.Simulation;

/// <summary>
/// A seeded world of shop orders and their CRM and billing copies with faults injected.
/// The same options always give the same world.
/// </summary>
public static class Simulator
{
    private static readonly FaultKind[] Kinds = Enum.GetValues<FaultKind>();

    public static SimulatedWorld Generate(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = new Random(options.Seed);
        var now = options.Now;
        var payloads = new List<SimulatedPayload>(options.Orders * 3);
        var faults = new List<InjectedFault>();
        for (var i = 0; i < options.Orders; i++)
        {
            FaultKind? fault = rng.NextDouble() < options.FaultRate ? Kinds[rng.Next(Kinds.Length)] : null;
            var promo = fault is { } kind ? FaultInjector.PromoFor(kind, rng) : CleanPromo(rng);
            var order = OrderGenerator.Create(
                rng, OrderGenerator.OrderId(i), now, promo, fault == FaultKind.UnknownSku);
            if (fault is { } injected)
            {
                faults.Add(FaultInjector.Apply(injected, order, rng, now));
            }
            else if (rng.NextDouble() < options.NoiseRate)
            {
                AddRoundingNoise(order, rng);
            }

            SimulatedPayloads.Write(order, payloads);
        }

        var fieldMaps = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [SimulatedFlow.Crm] = SimulatedFlow.CrmFieldMap,
        };
        return new SimulatedWorld(
            SimulatedFlow.PromoToBilling, fieldMaps, SimulatedReference.Create(now), payloads, faults);
    }

    private static string? CleanPromo(Random rng) => rng.Next(4) switch
    {
        0 => SimulatedReference.SpringPromo,
        1 => SimulatedReference.WelcomePromo,
        _ => null,
    };

    /// <summary>Sub-cent differences a currency conversion or a rounding mode leaves behind: within tolerance.</summary>
    private static void AddRoundingNoise(SimulatedOrder order, Random rng)
    {
        var index = rng.Next(order.Copies.Count);
        var copy = order.Copies[index];
        var record = copy.Record;
        OrderRecord noisy = rng.Next(2) == 0
            ? record with { Total = record.Total + 0.004m }
            : record with
            {
                Lines = [.. record.Lines.Select((l, i) => i == 0 ? l with { UnitPrice = l.UnitPrice - 0.003m } : l)],
            };
        order.Copies[index] = copy with { Record = noisy };
    }
}
