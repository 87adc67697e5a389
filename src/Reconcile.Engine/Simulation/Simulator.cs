using Reconcile.Engine.Records;

namespace Reconcile.Engine.Simulation;

/// <summary>
/// A seeded world of shop orders and their CRM and billing copies with faults injected.
/// The same options always give the same world.
/// </summary>
public static class Simulator
{
    private static readonly FaultKind[] Kinds = Enum.GetValues<FaultKind>();

    /// <summary>The whole world at once: <see cref="Stream"/> collected, with the flow, field maps and reference data.</summary>
    public static SimulatedWorld Generate(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var payloads = new List<SimulatedPayload>(options.Orders * 3);
        var faults = new List<InjectedFault>();
        foreach (var order in Stream(options))
        {
            payloads.AddRange(order.Payloads);
            if (order.Fault is { } fault)
            {
                faults.Add(fault);
            }
        }

        return Describe(options, payloads, faults);
    }

    /// <summary>
    /// The world's orders one at a time, in the order <see cref="Generate"/> gives them (the same options give the same
    /// orders): each order's payloads (the shop's first, then its CRM and billing copies) and its injected fault, if
    /// any. A large world is read this way without holding every payload at once.
    /// </summary>
    public static IEnumerable<SimulatedOrderPayloads> Stream(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = new Random(options.Seed);
        var now = options.Now;
        for (var i = 0; i < options.Orders; i++)
        {
            FaultKind? fault = rng.NextDouble() < options.FaultRate ? Kinds[rng.Next(Kinds.Length)] : null;
            var promo = fault is { } kind ? FaultInjector.PromoFor(kind, rng) : CleanPromo(rng);
            var order = OrderGenerator.Create(
                rng, OrderGenerator.OrderId(i), now, promo, fault == FaultKind.UnknownSku);
            InjectedFault? injected = null;
            if (fault is { } chosen)
            {
                injected = FaultInjector.Apply(chosen, order, rng, now);
            }
            else if (rng.NextDouble() < options.NoiseRate)
            {
                AddRoundingNoise(order, rng);
            }

            var payloads = new List<SimulatedPayload>(3);
            SimulatedPayloads.Write(order, payloads);
            yield return new SimulatedOrderPayloads(payloads, injected);
        }
    }

    /// <summary>A world of these payloads and faults, with the simulated flow, the CRM's field map and the reference data as of the options' now.</summary>
    public static SimulatedWorld Describe(SimulatorOptions options, IReadOnlyList<SimulatedPayload> payloads, IReadOnlyList<InjectedFault> faults)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fieldMaps = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [SimulatedFlow.Crm] = SimulatedFlow.CrmFieldMap,
        };
        return new SimulatedWorld(SimulatedFlow.PromoToBilling, fieldMaps, SimulatedReference.Create(options.Now), payloads, faults);
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
