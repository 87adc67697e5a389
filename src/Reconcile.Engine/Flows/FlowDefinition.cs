using Reconcile.Engine.Records;

namespace Reconcile.Engine.Flows;

/// <summary>One configured reconciliation: which systems, what to compare, who owns what.</summary>
public sealed record FlowDefinition
{
    public required string Name { get; init; }

    public required string Source { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>
    /// How long a target may trail the source before a difference counts, measured from the order's own
    /// <c>updatedAt</c> (see <see cref="Matching.OrderClock"/>), never from when Reconcile received it.
    /// </summary>
    public TimeSpan LagWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Attribute names from <see cref="OrderAttributes"/>.</summary>
    public IReadOnlyList<string> Compare { get; init; } = [];

    /// <summary>Attribute → authoritative system; unnamed attributes: the source is authoritative.</summary>
    public IReadOnlyDictionary<string, string> Authority { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// One money tolerance for every currency, in currency units (e.g. 0.01); null to use
    /// <see cref="MoneyTolerances"/> and, for a currency not listed there, half its minor unit.
    /// </summary>
    public decimal? MoneyTolerance { get; init; }

    /// <summary>Money tolerance per ISO 4217 code (e.g. JPY → 1, KWD → 0.0005), in that currency's units.</summary>
    public IReadOnlyDictionary<string, decimal> MoneyTolerances { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The flow's owner: business rules and conflicts route here.</summary>
    public required string Owner { get; init; }

    /// <summary>System → owner name; a system without one routes to the flow owner.</summary>
    public IReadOnlyDictionary<string, string> SystemOwners { get; init; } = new Dictionary<string, string>();

    public double MaxExceptionRate { get; init; } = 0.2;

    /// <summary>
    /// The tolerance money of <paramref name="currency"/> is compared with, in matching and business rules alike:
    /// the flow's single <see cref="MoneyTolerance"/> when set, else the currency's entry in
    /// <see cref="MoneyTolerances"/>, else half of the currency's minor unit (ISO 4217: 0.005 USD, 0.5 JPY,
    /// 0.0005 KWD), so a system that rounds a three-decimal currency to two decimals is caught.
    /// An unknown currency gets half a cent.
    /// </summary>
    public decimal ToleranceFor(string? currency)
    {
        if (MoneyTolerance is { } single)
        {
            return single;
        }

        if (currency is not null && MoneyTolerances.TryGetValue(currency, out var configured))
        {
            return configured;
        }

        var exponent = CurrencyExponent.TryGet(currency, out var known) ? known : 2;
        return 0.5m / Pow10(exponent);
    }

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10m;
        }

        return value;
    }

    public string AuthorityFor(string attribute) =>
        Authority.TryGetValue(attribute, out var system) ? system : Source;

    public string OwnerOf(string system) =>
        SystemOwners.TryGetValue(system, out var owner) ? owner : Owner;
}
