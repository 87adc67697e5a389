namespace Reconcile.Engine.Flows;

/// <summary>One configured reconciliation: which systems, what to compare, who owns what.</summary>
public sealed record FlowDefinition
{
    public required string Name { get; init; }

    public required string Source { get; init; }

    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>How long a target may trail the source before a difference counts (measured on received time).</summary>
    public TimeSpan LagWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Attribute names from <see cref="OrderAttributes"/>.</summary>
    public IReadOnlyList<string> Compare { get; init; } = [];

    /// <summary>Attribute → authoritative system; unnamed attributes: the source is authoritative.</summary>
    public IReadOnlyDictionary<string, string> Authority { get; init; } = new Dictionary<string, string>();

    public decimal MoneyTolerance { get; init; } = 0.01m;

    /// <summary>The flow's owner: business rules and conflicts route here.</summary>
    public required string Owner { get; init; }

    /// <summary>System → owner name; a system without one routes to the flow owner.</summary>
    public IReadOnlyDictionary<string, string> SystemOwners { get; init; } = new Dictionary<string, string>();

    public double MaxExceptionRate { get; init; } = 0.2;

    public string AuthorityFor(string attribute) =>
        Authority.TryGetValue(attribute, out var system) ? system : Source;

    public string OwnerOf(string system) =>
        SystemOwners.TryGetValue(system, out var owner) ? owner : Owner;
}
